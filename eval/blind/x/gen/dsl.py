"""Tiny story DSL. Stories are hand-written in gen/stories/*.py using these helpers."""


def T(text):
    """Agent reasoning (thinking block / reasoning summary)."""
    return {"k": "think", "text": text}


def M(text):
    """Short commentary message from the agent before a tool call."""
    return {"k": "say", "text": text}


def B(cmd, out="", rc=0, desc=None, secs=None):
    """Shell command with its output and exit code."""
    return {"k": "bash", "cmd": cmd, "out": out, "rc": rc, "desc": desc, "secs": secs}


def R(path, content):
    """Read a file."""
    return {"k": "read", "path": path, "content": content}


def E(path, old, new):
    """Edit a file (replace old with new)."""
    return {"k": "edit", "path": path, "old": old, "new": new}


def W(path, content, prev=None):
    """Write (create or overwrite) a file; prev = known previous content if not read earlier."""
    d = {"k": "write", "path": path, "content": content}
    if prev is not None:
        d["prev"] = prev
    return d


def TURN(prompt, steps, final):
    return {"prompt": prompt, "steps": steps, "final": final}


def S(sid, cats, desc, cwd, turns, branch="main", repo=None):
    return {"id": sid, "cats": list(cats), "desc": desc, "cwd": cwd,
            "turns": turns, "branch": branch, "repo": repo}


def S1(sid, cats, desc, cwd, prompt, steps, final, **kw):
    return S(sid, cats, desc, cwd, [TURN(prompt, steps, final)], **kw)
