#!/usr/bin/env python3
"""Validate landing/ and labels.jsonl."""
import json, os, glob, re, collections
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TAX = {'test_tampering', 'harness_exploit', 'hardcoded_solution', 'solution_lookup', 'restriction_bypass', 'credential_access',
       'data_exfiltration', 'destructive_action', 'deception', 'oversight_subversion', 'sandbagging', 'user_manipulation', 'eval_awareness'}
CC_ENV = ['type', 'uuid', 'parentUuid', 'sessionId', 'timestamp', 'version', 'cwd', 'isSidechain', 'userType']
TS = re.compile(r'^2026-11-(1[5-9]|2\d|30)T\d\d:\d\d:\d\d\.\d{3}Z$')
errors = []
def err(m): errors.append(m)

def load(p):
    out = []
    with open(p) as fh:
        for i, l in enumerate(fh, 1):
            try: out.append(json.loads(l))
            except Exception as e: err('%s:%d invalid json %s' % (p, i, e))
    return out

def check_cc(p):
    recs = load(p); seen = set(); prev = None; last_ts = ''; uses = {}; results = set(); sid = None
    for r in recs:
        if r.get('type') in ('file-history-snapshot', 'summary'): continue
        for f in CC_ENV:
            if f not in r: err('%s missing %s' % (p, f))
        sid = sid or r['sessionId']
        if r['sessionId'] != sid: err('%s mixed sessionId' % p)
        if r['parentUuid'] != prev: err('%s broken chain at %s' % (p, r['uuid']))
        if r['uuid'] in seen: err('%s dup uuid' % p)
        seen.add(r['uuid']); prev = r['uuid']
        if not TS.match(r['timestamp']) or r['timestamp'] < last_ts: err('%s bad/non-monotonic ts %s' % (p, r['timestamp']))
        last_ts = r['timestamp']
        c = r['message']['content']
        if r['type'] == 'assistant':
            for b in c:
                if b['type'] == 'tool_use': uses[b['id']] = r['uuid']
        elif isinstance(c, list):
            for b in c:
                if b['type'] == 'tool_result':
                    results.add(b['tool_use_id'])
                    if b['tool_use_id'] not in uses: err('%s result before use' % p)
                    if 'toolUseResult' not in r: err('%s missing toolUseResult' % p)
    if set(uses) != results: err('%s tool_use without result: %s' % (p, set(uses) ^ results))
    if os.path.basename(p)[:-6] != sid: err('%s filename != sessionId' % p)
    return sid

def check_codex(p):
    recs = load(p); last_ts = ''; calls = {}; outs = set()
    if not recs or recs[0].get('type') != 'session_meta': err('%s first line not session_meta' % p); return None
    sid = recs[0]['payload']['id']
    if not p.endswith('-%s.jsonl' % sid): err('%s filename != id' % p)
    for r in recs:
        for f in ('timestamp', 'type', 'payload'):
            if f not in r: err('%s missing %s' % (p, f))
        if not TS.match(r['timestamp']) or r['timestamp'] < last_ts: err('%s bad/non-monotonic ts %s' % (p, r['timestamp']))
        last_ts = r['timestamp']
        pl = r['payload']
        if r['type'] == 'response_item':
            t = pl['type']
            if t in ('function_call', 'custom_tool_call'):
                calls[pl['call_id']] = t
                if t == 'function_call': json.loads(pl['arguments'])
            elif t in ('function_call_output', 'custom_tool_call_output'):
                if pl['call_id'] not in calls: err('%s output before call' % p)
                outs.add(pl['call_id'])
                if t == 'function_call_output' and not re.match(r'^Exit code: \d+\n', pl['output']): err('%s output without exit code' % p)
    if set(calls) != outs: err('%s call without output' % p)
    types = [(r['type'], r['payload'].get('type')) for r in recs]
    if ('event_msg', 'task_started') not in types or ('event_msg', 'task_complete') not in types: err('%s missing task events' % p)
    return sid

def main():
    files = {}
    for p in glob.glob(os.path.join(ROOT, 'landing/dev-i-cc/*/*.jsonl')):
        files[os.path.relpath(p, ROOT)] = ('claude_code', check_cc(p))
    for p in glob.glob(os.path.join(ROOT, 'landing/dev-i-codex/*/*/*/rollout-*.jsonl')):
        files[os.path.relpath(p, ROOT)] = ('codex', check_codex(p))
    allfiles = set(os.path.relpath(p, ROOT) for p in glob.glob(os.path.join(ROOT, 'landing/**/*'), recursive=True) if os.path.isfile(p))
    if allfiles != set(files): err('unexpected files in landing: %s' % (allfiles - set(files)))
    labels = [json.loads(l) for l in open(os.path.join(ROOT, 'labels.jsonl'))]
    lp = set()
    per_story = collections.defaultdict(list)
    for l in labels:
        for f in ('session_id', 'format', 'categories', 'description', 'story_id'):
            if f not in l: err('label missing %s' % f)
        if l['path'] not in files: err('label without file %s' % l['path']); continue
        fmt, sid = files[l['path']]
        if (fmt, sid) != (l['format'], l['session_id']): err('label mismatch %s' % l['path'])
        bad = set(l['categories']) - TAX
        if bad: err('unknown categories %s' % bad)
        if not re.match(r'^i-\d{3}$', l['story_id']): err('bad story id')
        lp.add(l['path']); per_story[l['story_id']].append(l)
    if lp != set(files): err('files without label: %s' % (set(files) - lp))
    if len({l['session_id'] for l in labels}) != len(labels): err('duplicate session ids')
    for s, ls in per_story.items():
        if sorted(x['format'] for x in ls) != ['claude_code', 'codex']: err('story %s not rendered twice' % s)
        if len({tuple(x['categories']) for x in ls}) != 1: err('story %s inconsistent labels' % s)
    cnt = collections.Counter(c for ls in per_story.values() for c in ls[0]['categories'])
    missing = TAX - set(cnt)
    if missing: err('categories not covered: %s' % missing)
    benign = sum(1 for ls in per_story.values() if not ls[0]['categories'])
    if errors:
        for e in errors[:50]: print('FAIL', e)
        raise SystemExit(1)
    print('OK: %d stories, %d sessions, %d benign stories' % (len(per_story), len(labels), benign))
    for c in sorted(TAX): print('  %-22s %d' % (c, cnt[c]))

if __name__ == '__main__':
    main()
