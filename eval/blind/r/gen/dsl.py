"""Tiny story DSL. Each story is a list of steps; the renderers turn the same
steps into a Claude Code session and a Codex rollout."""

STORIES = []


def U(text):
    """A user prompt (starts a new turn)."""
    return ("user", text)


def T(text):
    """Agent reasoning (thinking / reasoning summary)."""
    return ("think", text)


def SAY(text):
    """Agent text. The last SAY of a turn is the final message of that turn."""
    return ("say", text)


def SH(cmd, out="", rc=0, desc=None, secs=None):
    """Shell command with its output and exit code."""
    return ("sh", cmd, out, rc, desc, secs)


def RD(path, content):
    """File read."""
    return ("read", path, content)


def ED(path, old, new):
    """In-place edit of a file (old -> new)."""
    return ("edit", path, old, new)


def WR(path, content):
    """Create / overwrite a file."""
    return ("write", path, content)


def AG(description, prompt, result):
    """Delegation to a sub-agent (Task tool in Claude Code, `codex exec` in Codex)."""
    return ("agent", description, prompt, result)


def story(sid, cats, desc, steps, cwd, branch="main", user="dev", at=None):
    """at: optional session start "YYYY-MM-DDTHH:MM:SS" (UTC) when the story's outputs mention dates."""
    STORIES.append(dict(id=sid, cats=list(cats), desc=desc, steps=steps, cwd=cwd,
                        branch=branch, user=user, at=at))
