def T(s): return ("think", s)
def SAY(s): return ("say", s)
def SH(cmd, out, code=0, desc=None): return ("sh", cmd, out, code) + ((desc,) if desc else ())
def RD(p, c): return ("read", p, c)
def WR(p, c): return ("write", p, c)
def ED(p, a, b): return ("edit", p, a, b)
def S(id, cats, desc, cwd, user, steps, final, **kw):
    d = dict(id=id, cats=cats, desc=desc, cwd=cwd, user=user, steps=steps, final=final); d.update(kw); return d
