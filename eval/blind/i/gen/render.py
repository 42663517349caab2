"""Renderers: story dict -> Claude Code JSONL lines / Codex rollout lines. Deterministic per story id."""
import json, random, uuid, hashlib, datetime as dt

def rng_for(sid, salt):
    return random.Random(hashlib.sha256((sid + '|' + salt).encode()).hexdigest())

def uid(r):
    return str(uuid.UUID(int=r.getrandbits(128), version=4))

def tok(r, n=24, alpha='ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'):
    return ''.join(r.choice(alpha) for _ in range(n))

def start_time(sid, salt):
    r = rng_for(sid, 'time' + salt)
    n = int(sid.split('-')[1])
    day = 15 + (n * 7 + (3 if salt == 'codex' else 0)) % 15  # 15..29
    base = dt.datetime(2026, 11, day, 7, 0, 0, tzinfo=dt.timezone.utc)
    return base + dt.timedelta(seconds=r.randint(0, 13 * 3600))

def iso(t):
    return t.strftime('%Y-%m-%dT%H:%M:%S.') + '%03dZ' % (t.microsecond // 1000)

class Clock:
    def __init__(self, t, r):
        self.t, self.r = t, r
    def tick(self, lo=0.05, hi=1.5):
        self.t += dt.timedelta(milliseconds=int(self.r.uniform(lo, hi) * 1000) + 1)
        return iso(self.t)

def enc_cwd(cwd):
    return ''.join(c if c.isalnum() else '-' for c in cwd)

# ---------- tool normalisation ----------
DESCS = {'pytest': 'Run tests', 'python': 'Run Python script', 'python3': 'Run Python script', 'git': 'Git operation', 'dbt': 'Run dbt',
         'ls': 'List files', 'cat': 'Show file contents', 'psql': 'Query Postgres', 'duckdb': 'Query DuckDB', 'curl': 'HTTP request',
         'head': 'Peek at file', 'aws': 'AWS CLI call', 'make': 'Run make target', 'uv': 'Run via uv', 'spark-submit': 'Submit Spark job'}
def cc_tool(step, cwd):
    k = step[0]
    if k == 'bash':
        _, cmd, out, code = step[:4]
        d = step[4] if len(step) > 4 else 'Run command'
        if d == 'Run command':
            d = DESCS.get(cmd.split()[0], 'Run %s' % cmd.split()[0]) if cmd.split() else d
        return 'Bash', {'command': cmd, 'description': d}
    if k == 'read':
        return 'Read', {'file_path': abspath(cwd, step[1])}
    if k == 'edit':
        return 'Edit', {'file_path': abspath(cwd, step[1]), 'old_string': step[2], 'new_string': step[3], 'replace_all': False}
    if k == 'write':
        return 'Write', {'file_path': abspath(cwd, step[1]), 'content': step[2]}
    if k == 'grep':
        return 'Grep', {'pattern': step[1], 'path': abspath(cwd, step[2]), 'output_mode': 'content', '-n': True}
    if k == 'glob':
        return 'Glob', {'pattern': step[1], 'path': cwd}
    raise ValueError(k)

def abspath(cwd, p):
    return p if p.startswith('/') or p.startswith('~') else cwd.rstrip('/') + '/' + p

def numbered(content):
    return '\n'.join('%6d\t%s' % (i + 1, l) for i, l in enumerate(content.split('\n')))

def cc_result(step, cwd):
    """returns (content_text, is_error, toolUseResult)"""
    k = step[0]
    if k == 'bash':
        _, cmd, out, code = step[:4]
        if code == 0:
            return out, False, {'stdout': out, 'stderr': '', 'interrupted': False, 'isImage': False}
        return 'Exit code %d\n%s' % (code, out), True, {'stdout': out, 'stderr': '', 'interrupted': False, 'isImage': False}
    if k == 'read':
        c = step[2]; n = c.count('\n') + 1
        return numbered(c), False, {'type': 'text', 'file': {'filePath': abspath(cwd, step[1]), 'content': c, 'numLines': n, 'startLine': 1, 'totalLines': n}}
    if k == 'edit':
        p = abspath(cwd, step[1])
        return 'The file %s has been updated successfully.' % p, False, {'filePath': p, 'oldString': step[2], 'newString': step[3], 'originalFile': None, 'structuredPatch': [], 'userModified': False, 'replaceAll': False}
    if k == 'write':
        p = abspath(cwd, step[1])
        return 'File created successfully at: %s' % p, False, {'type': 'create', 'filePath': p, 'content': step[2], 'structuredPatch': [], 'originalFile': None}
    if k == 'grep':
        out = step[3]
        return out, False, {'mode': 'content', 'numFiles': len({l.split(':')[0] for l in out.splitlines() if ':' in l}), 'filenames': [], 'content': out, 'numLines': len(out.splitlines())}
    if k == 'glob':
        files = [abspath(cwd, f) for f in step[2].splitlines() if f]
        return '\n'.join(files) if files else 'No files found', False, {'filenames': files, 'durationMs': 12, 'numFiles': len(files), 'truncated': False}

# ---------- Claude Code ----------
def render_cc(story):
    sid_key = story['id']
    r = rng_for(sid_key, 'cc')
    session = uid(r)
    cwd = story['cwd']
    clk = Clock(start_time(sid_key, 'cc'), r)
    model = story.get('cc_model', r.choice(['claude-opus-4-6', 'claude-sonnet-4-6', 'claude-opus-4-6']))
    version = story.get('cc_version', r.choice(['2.1.98', '2.1.112', '2.1.131']))
    branch = story.get('branch', 'main')
    lines = []
    env = lambda: {'isSidechain': False, 'userType': 'external', 'cwd': cwd, 'sessionId': session, 'version': version, 'gitBranch': branch}
    parent = [None]

    def push(d):
        rec = {'parentUuid': parent[0]}
        rec.update(env()); rec.update(d)
        u = uid(r); rec['uuid'] = u; rec['timestamp'] = clk.tick()
        lines.append(rec); parent[0] = u
        return u

    def user_prompt(text):
        mid = None
        u_id = uid(r)
        lines.append({'type': 'file-history-snapshot', 'messageId': u_id, 'snapshot': {'messageId': u_id, 'trackedFileBackups': {}, 'timestamp': iso(clk.t)}, 'isSnapshotUpdate': False})
        rec = {'parentUuid': parent[0]}; rec.update(env())
        rec.update({'type': 'user', 'message': {'role': 'user', 'content': text}, 'uuid': u_id, 'timestamp': clk.tick(), 'thinkingMetadata': {'level': 'high', 'disabled': False, 'triggers': []}, 'todos': []})
        lines.append(rec); parent[0] = u_id

    usage_in = [r.randint(3000, 9000)]

    def new_msg():
        usage_in[0] += r.randint(300, 2500)
        return {'id': 'msg_01' + tok(r, 22), 'req': 'req_011C' + tok(r, 20),
                'usage': {'input_tokens': r.randint(3, 40), 'cache_creation_input_tokens': r.randint(200, 3000), 'cache_read_input_tokens': usage_in[0],
                          'cache_creation': {'ephemeral_5m_input_tokens': 0, 'ephemeral_1h_input_tokens': 0}, 'output_tokens': r.randint(20, 900), 'service_tier': 'standard'}}

    def asst(block, m, stop=None):
        clk.tick(0.8, 6.0)
        return push({'message': {'model': model, 'id': m['id'], 'type': 'message', 'role': 'assistant', 'content': [block], 'stop_reason': stop, 'stop_sequence': None, 'usage': m['usage']}, 'requestId': m['req'], 'type': 'assistant'})

    for turn in story['turns']:
        user_prompt(turn['prompt'])
        m = new_msg()
        steps = turn['steps']
        for i, st in enumerate(steps):
            k = st[0]
            if k == 'think':
                asst({'type': 'thinking', 'thinking': st[1], 'signature': 'Eq' + tok(r, 180, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')}, m)
            elif k == 'say':
                asst({'type': 'text', 'text': st[1]}, m)
            else:
                name, inp = cc_tool(st, cwd)
                tid = 'toolu_01' + tok(r, 22)
                a = asst({'type': 'tool_use', 'id': tid, 'name': name, 'input': inp}, m, 'tool_use')
                content, err, tur = cc_result(st, cwd)
                clk.tick(0.2, 4.0)
                block = {'tool_use_id': tid, 'type': 'tool_result', 'content': content}
                if err or k == 'bash':
                    block['is_error'] = err
                push({'type': 'user', 'message': {'role': 'user', 'content': [block]}, 'toolUseResult': tur, 'sourceToolAssistantUUID': a})
                m = new_msg()
        fin = turn.get('final')
        if fin:
            asst({'type': 'text', 'text': fin}, m, 'end_turn')
    path = 'dev-i-cc/%s/%s.jsonl' % (enc_cwd(cwd), session)
    return session, path, lines

# ---------- Codex ----------
def render_codex(story):
    sid_key = story['id']
    r = rng_for(sid_key, 'codex')
    session = uid(r)
    cwd = story['cwd']
    t0 = start_time(sid_key, 'codex')
    clk = Clock(t0, r)
    model = story.get('codex_model', r.choice(['gpt-5.3-codex', 'gpt-5.2-codex', 'gpt-5.3-codex']))
    lines = []
    def push(typ, payload, lo=0.001, hi=0.05):
        lines.append({'timestamp': clk.tick(lo, hi), 'type': typ, 'payload': payload})
    push('session_meta', {'id': session, 'timestamp': iso(t0), 'cwd': cwd, 'originator': r.choice(['codex_cli_rs', 'codex_cli_rs', 'codex_exec']), 'cli_version': r.choice(['0.104.0', '0.106.1', '0.111.0']), 'source': 'cli', 'model_provider': 'openai',
                          'git': {'commit_hash': tok(r, 40, '0123456789abcdef'), 'branch': story.get('branch', 'main'), 'repository_url': story.get('repo_url', 'git@github.com:acme-data/%s.git' % cwd.rstrip('/').split('/')[-1])}})
    push('response_item', {'type': 'message', 'role': 'developer', 'content': [{'type': 'input_text', 'text': '<permissions instructions>\nFilesystem sandboxing: workspace-write. Network access is restricted. Approval policy: on-request.\n</permissions instructions>'}]})
    push('response_item', {'type': 'message', 'role': 'user', 'content': [{'type': 'input_text', 'text': '<environment_context>\n  <cwd>%s</cwd>\n  <shell>bash</shell>\n</environment_context>' % cwd}]})
    tot = {'input_tokens': 0, 'cached_input_tokens': 0, 'output_tokens': 0, 'reasoning_output_tokens': 0, 'total_tokens': 0}
    def tokcount():
        last = {'input_tokens': r.randint(9000, 30000), 'cached_input_tokens': r.randint(2000, 8000), 'output_tokens': r.randint(50, 900), 'reasoning_output_tokens': r.randint(10, 400)}
        last['total_tokens'] = last['input_tokens'] + last['output_tokens']
        for k in tot: tot[k] += last[k]
        push('event_msg', {'type': 'token_count', 'info': {'total_token_usage': dict(tot), 'last_token_usage': last, 'model_context_window': 258400}, 'rate_limits': {'primary': {'used_percent': float(r.randint(1, 40)), 'window_minutes': 300, 'resets_at': int(t0.timestamp()) + 9000}, 'secondary': None, 'credits': None, 'plan_type': None}})
    for turn in story['turns']:
        turn_id = uid(r)
        push('event_msg', {'type': 'task_started', 'turn_id': turn_id, 'model_context_window': 258400, 'collaboration_mode_kind': 'default'})
        push('response_item', {'type': 'message', 'role': 'user', 'content': [{'type': 'input_text', 'text': turn['prompt']}]})
        push('event_msg', {'type': 'user_message', 'message': turn['prompt'], 'images': []})
        ctx = {'turn_id': turn_id, 'cwd': cwd, 'approval_policy': story.get('approval', 'on-request'), 'sandbox_policy': {'type': 'workspace-write', 'writable_roots': [cwd], 'network_access': story.get('network', False), 'exclude_tmpdir_env_var': False, 'exclude_slash_tmp': False}, 'model': model, 'effort': 'high', 'summary': 'auto', 'truncation_policy': {'mode': 'tokens', 'limit': 10000}}
        push('turn_context', ctx)
        for st in turn['steps']:
            k = st[0]
            if k == 'think':
                txt = st[1]
                clk.tick(1, 5)
                if txt:
                    push('event_msg', {'type': 'agent_reasoning', 'text': txt})
                push('response_item', {'type': 'reasoning', 'summary': [{'type': 'summary_text', 'text': txt}] if txt else [], 'content': None, 'encrypted_content': 'gAAAAAB' + tok(r, 120 if txt else 600)})
            elif k == 'say':
                clk.tick(0.5, 3)
                push('event_msg', {'type': 'agent_message', 'message': st[1]})
                push('response_item', {'type': 'message', 'role': 'assistant', 'content': [{'type': 'output_text', 'text': st[1]}], 'phase': 'commentary'})
            elif k in ('edit', 'write'):
                cid = 'call_' + tok(r, 24)
                p = st[1]
                if k == 'edit':
                    body = '*** Update File: %s\n@@\n' % p + '\n'.join('-' + l for l in st[2].split('\n')) + '\n' + '\n'.join('+' + l for l in st[3].split('\n'))
                    res = 'Success. Updated the following files:\nM %s' % p
                else:
                    body = '*** Add File: %s\n' % p + '\n'.join('+' + l for l in st[2].split('\n'))
                    res = 'Success. Updated the following files:\nA %s' % p
                clk.tick(1, 6)
                push('response_item', {'type': 'custom_tool_call', 'status': 'completed', 'call_id': cid, 'name': 'apply_patch', 'input': '*** Begin Patch\n' + body + '\n*** End Patch'})
                tokcount()
                push('response_item', {'type': 'custom_tool_call_output', 'call_id': cid, 'output': res}, 0.2, 1.5)
                push('turn_context', ctx)
            else:
                if k == 'bash':
                    cmd, out, code = st[1], st[2], st[3]
                elif k == 'read':
                    cmd, out, code = "sed -n '1,220p' %s" % st[1], st[2], 0
                elif k == 'grep':
                    cmd, out, code = 'rg -n %s %s' % (json.dumps(st[1]) if ' ' in st[1] or '|' in st[1] else st[1], st[2]), st[3], (0 if st[3] else 1)
                elif k == 'glob':
                    cmd, out, code = "rg --files -g '%s'" % st[1], st[2], (0 if st[2] else 1)
                cid = 'call_' + tok(r, 24)
                clk.tick(1, 6)
                push('response_item', {'type': 'function_call', 'name': 'exec_command', 'arguments': json.dumps({'cmd': cmd, 'workdir': cwd}, separators=(',', ':')), 'call_id': cid})
                tokcount()
                wall = r.uniform(0.05, 9.0)
                push('response_item', {'type': 'function_call_output', 'call_id': cid, 'output': 'Exit code: %d\nWall time: %.1f seconds\nOutput:\n%s' % (code, wall, out)}, 0.2, wall + 0.3)
                push('turn_context', ctx)
        fin = turn.get('final')
        if fin:
            clk.tick(1, 5)
            push('event_msg', {'type': 'agent_message', 'message': fin})
            push('response_item', {'type': 'message', 'role': 'assistant', 'content': [{'type': 'output_text', 'text': fin}], 'phase': 'final_answer'})
            tokcount()
        push('event_msg', {'type': 'task_complete', 'turn_id': turn_id, 'last_agent_message': fin})
    d = clk.t if False else t0
    fname = 'rollout-%s-%s.jsonl' % (t0.strftime('%Y-%m-%dT%H-%M-%S'), session)
    path = 'dev-i-codex/%s/%s' % (t0.strftime('%Y/%m/%d'), fname)
    return session, path, lines
