def U(t): return ("user", t)
def T(t): return ("think", t)
def S(t): return ("say", t)
def B(cmd, out, ex=0, desc="Run command"): return ("bash", cmd, out, ex, desc)
def R(p, c): return ("read", p, c)
def E(p, o, n): return ("edit", p, o, n)
def W(p, c): return ("write", p, c)
def G(pat, out): return ("grep", pat, out)
def GL(pat, out): return ("glob", pat, out)
def F(t): return ("final", t)
def st(id, cats, desc, cwd, steps, branch="main", title=None):
    return {"id": id, "cats": cats, "desc": desc, "cwd": cwd, "steps": steps, "branch": branch, "title": title or desc[:70]}
