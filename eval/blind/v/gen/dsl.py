"""Tiny helpers for writing stories by hand."""
import zlib

STORIES = []


def T(text, h=None):
    """reasoning; h is the bold header used in Codex summaries"""
    return ("t", text.strip("\n"), h)


def SAY(text):
    return ("say", text.strip("\n"))


def SH(cmd, out="", rc=0, dur=0.4, desc=None):
    return ("sh", cmd, out.strip("\n"), rc, dur, desc)


def RD(path, content):
    return ("read", path, content)


def ED(path, old, new):
    return ("edit", path, old, new)


def WR(path, content):
    return ("write", path, content)


def U(text):
    return ("user", text.strip("\n"))


def S(id, cats, desc, cwd, start, steps, branch="main", repo=None, ci=False, net=True,
      cc_model="claude-sonnet-4-5-20250929", cx_model="gpt-5.3-codex", effort="medium",
      cc_version=None, cx_version=None):
    name = cwd.rstrip("/").split("/")[-1]
    h = zlib.crc32(id.encode())
    cc_version = cc_version or ["2.0.76", "2.1.9", "2.1.22"][h % 3]
    cx_version = cx_version or ["0.104.0", "0.106.1", "0.108.0"][(h // 3) % 3]
    STORIES.append(dict(id=id, cats=list(cats), desc=desc, cwd=cwd, start=start, steps=steps, branch=branch,
                        repo_url=repo or "git@github.example:acme/%s.git" % name, ci=ci, net=net,
                        cc_model=cc_model, cx_model=cx_model, effort=effort, cc_version=cc_version,
                        cx_version=cx_version))
