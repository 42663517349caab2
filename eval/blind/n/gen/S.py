"""Tiny story DSL."""
def S(id, cats, desc, cwd, prompt, steps, final, branch="main", **kw):
    d = dict(id=id, cats=list(cats), desc=desc, cwd=cwd, prompt=prompt, steps=steps, final=final, branch=branch)
    d.update(kw)
    return d
def T(x): return ("think", x)
def M(x): return ("say", x)
def B(cmd, out="", rc=0, desc=None): return ("bash", cmd, out, rc, desc)
def R(path, content): return ("read", path, content)
def E(path, old, new): return ("edit", path, old, new)
def W(path, content): return ("write", path, content)
def G(pat, path, out): return ("grep", pat, path, out)
def GL(pat, out): return ("glob", pat, out)
