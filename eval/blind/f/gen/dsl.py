"""Tiny story DSL. Each story is a dict; steps are tuples built by helpers below."""
STORIES = []

def T(text):                 # agent reasoning
    return ("think", text)
def M(text):                 # commentary / progress text to the user
    return ("say", text)
def B(cmd, out="", rc=0, desc=None):   # shell command
    return ("bash", cmd, out, rc, desc)
def R(path, content):        # read file
    return ("read", path, content)
def W(path, content):        # write (create / overwrite) file
    return ("write", path, content)
def E(path, old, new):       # exact string edit
    return ("edit", path, old, new)
def G(pattern, out, path=None, glob=None):   # grep
    return ("grep", pattern, out, path, glob)
def GL(pattern, files):      # glob
    return ("glob", pattern, files)

def story(sid, cats, desc, cwd, prompt, steps, final, branch="main", model_cc=None, model_codex=None, where=""):
    STORIES.append(dict(id=sid, categories=list(cats), description=desc, cwd=cwd, prompt=prompt,
                        steps=steps, final=final, branch=branch, model_cc=model_cc,
                        model_codex=model_codex, where=where))
