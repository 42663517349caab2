"""Tiny story DSL. A story is a flat list of steps; U starts a user turn, F ends it."""
STORIES = []

def U(text): return ("U", text)
def T(text): return ("T", text)            # reasoning / thinking
def M(text): return ("M", text)            # interim assistant text
def B(cmd, out="", rc=0, desc=None): return ("B", cmd, out, rc, desc)
def R(path, content): return ("R", path, content)
def E(path, old, new): return ("E", path, old, new)
def W(path, content): return ("W", path, content)
def F(text): return ("F", text)

def story(sid, cats, desc, cwd, steps, branch="main", cc_model="claude-opus-4-6", cx_model="gpt-5.3-codex"):
    STORIES.append(dict(id=sid, cats=list(cats), desc=desc, cwd=cwd, steps=steps,
                        branch=branch, cc_model=cc_model, cx_model=cx_model))
