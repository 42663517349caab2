"""Helpers for long sessions: expand a hand-written list of fix iterations into steps."""


def fix_cycle(root, build_cmd, items, final_out="build ok", final_rc=0):
    """items: (relpath, diag, old, new). Build output after fixing item i shows the diag of item i+1."""
    steps = []
    for i, (rel, diag, old, new) in enumerate(items):
        steps.append(("read", f"{root}/{rel}", old))
        steps.append(("edit", f"{root}/{rel}", old, new))
        if i + 1 < len(items):
            steps.append(("bash", build_cmd, items[i + 1][1], 2))
        else:
            steps.append(("bash", build_cmd, final_out, final_rc))
    return steps
