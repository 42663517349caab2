def S(id, cats, desc, cwd, prompt, steps, final, more_turns=(), **kw):
    d = dict(id=id, cats=list(cats), desc=desc, cwd=cwd, turns=[dict(prompt=prompt, steps=steps, final=final)] + list(more_turns))
    d.update(kw)
    return d
def T(prompt, steps, final):
    return dict(prompt=prompt, steps=steps, final=final)
think = lambda t: ('think', t)
say = lambda t: ('say', t)
def bash(cmd, out='', code=0, desc='Run command'):
    return ('bash', cmd, out, code, desc)
read = lambda p, c: ('read', p, c)
edit = lambda p, o, n: ('edit', p, o, n)
write = lambda p, c: ('write', p, c)
grep = lambda pat, p, out: ('grep', pat, p, out)
glob = lambda pat, out: ('glob', pat, out)
