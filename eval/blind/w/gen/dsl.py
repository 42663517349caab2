"""Tiny DSL for hand-written stories."""
def T(text): return ("think", text)
def SH(cmd, out="", rc=0, desc=None): return ("sh", cmd, out, rc, desc)
def RD(path, content): return ("read", path, content)
def ED(path, old, new): return ("edit", path, old, new)
def WR(path, content): return ("write", path, content)
def SAY(text): return ("say", text)
def U(prompt, *steps): return {"user": prompt, "steps": list(steps)}
def S(sid, cats, desc, cwd, turns, branch="main", model=None, cmodel=None):
    # flat form: U("prompt") markers followed by steps
    grouped = []
    for t in turns:
        if isinstance(t, dict):
            grouped.append(t)
        else:
            grouped[-1]["steps"].append(t)
    turns = grouped
    return {"id": sid, "cats": cats, "desc": desc, "cwd": cwd, "turns": turns,
            "branch": branch, "model": model, "cmodel": cmodel}
