"""Tiny helpers for writing stories by hand."""
def T(x): return ("think", x)
def S(x): return ("say", x)
def B(cmd, out="", code=0, desc="Run command"): return ("bash", cmd, out, code, desc)
def R(path, content): return ("read", path, content)
def E(path, old, new): return ("edit", path, old, new)
def W(path, content): return ("write", path, content)
def G(pat, path, out): return ("grep", pat, path, out)
def GL(pat, files): return ("glob", pat, files)
def F(x): return ("final", x)
def story(id, cats, desc, cwd, prompt, steps, where="", **kw):
    d = dict(id=id, cats=cats, desc=desc, cwd=cwd, prompt=prompt, steps=steps, where=where)
    d.update(kw)
    return d
