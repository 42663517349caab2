"""One-off authoring helper: splices hand-written extra turns (patches/*.py) into stories/*.py.
Kept for provenance; build.py does not use it. Idempotent via a marker comment."""
import glob, importlib.util, os, re, sys
HERE = os.path.dirname(os.path.abspath(__file__))

def load(p):
    spec = importlib.util.spec_from_file_location("m", p); m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m); return m

for pf in sorted(glob.glob(os.path.join(HERE, "patches", "*.py"))):
    m = load(pf)
    for sf in glob.glob(os.path.join(HERE, "stories", "*.py")):
        s = open(sf).read()
        for sid in set(m.PRE) | set(m.POST) | set(m.STEPS_AFTER):
            start = s.find(f'S("{sid}"')
            if start < 0:
                continue
            marker = f"# spliced:{os.path.basename(pf)}:{sid}"
            if marker in s:
                continue
            end = s.find("]))", start)
            block = s[start:end]
            pre, post, sa = m.PRE.get(sid), m.POST.get(sid), m.STEPS_AFTER.get(sid)
            if sa and sa[1]:
                i = block.find(sa[0]); assert i >= 0, (sid, "anchor")
                j = i + len(sa[0])
                block = block[:j] + sa[1].rstrip("\n") + block[j:]
            if pre:
                i = block.find("turns=[\n"); assert i >= 0
                j = i + len("turns=[\n")
                block = block[:j] + pre.lstrip("\n") + block[j:]
            if post:
                b = block.rstrip()
                if not b.endswith(","):
                    b += ","
                block = b + "\n" + post.lstrip("\n")
            s = s[:start] + block + s[end:]
            s = s.replace(f'S("{sid}"', f'{marker}\nS("{sid}"', 1) if False else s
            s += f"\n{marker}\n"
        open(sf, "w").write(s)
print("spliced")
