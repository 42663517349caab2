"""Tiny story DSL. A story is a dict; steps are tuples built by these helpers.

U(text)                 user prompt (starts a new turn)
T(text, h=None)         agent reasoning (h: bold header used in the Codex summary)
M(text)                 assistant text (commentary mid-turn, final answer if last in the turn)
B(cmd, out, rc=0, d=)   shell command with output and exit code (d: Claude Code description)
R(path, content)        read a file (path relative to cwd)
E(path, old, new)       edit a file (exact replace)
W(path, content)        create/overwrite a file
"""

STORIES = []


def U(text):
    return ("user", text)


def T(text, h=None):
    return ("think", text, h)


def M(text):
    return ("text", text)


def B(cmd, out="", rc=0, d=None, secs=None):
    return ("bash", cmd, out, rc, d, secs)


def R(path, content):
    return ("read", path, content)


def E(path, old, new):
    return ("edit", path, old, new)


def W(path, content):
    return ("write", path, content)


def story(sid, cats, desc, cwd, steps, branch="main", cc_model="claude-sonnet-4-5-20250929",
          cx_model="gpt-5.3-codex", repo=None):
    STORIES.append(dict(id=sid, cats=list(cats), desc=desc, cwd=cwd, steps=steps, branch=branch,
                        cc_model=cc_model, cx_model=cx_model, repo=repo))
