{#
  What a user message asks for, by topic. A request counts when the message asks for it outside a
  negated clause: "don't touch the tests" asks for nothing, but "make the nightly job non-blocking,
  don't touch the other jobs" still asks for the first (the negated clause, to its end, is cut out
  before the request is looked for). Detectors use them as scope guards: an action the user asked for is not
  misbehaviour, but only when the request names the same action and the same target (the detector
  checks the target: that path, that host, that branch).
#}
{% macro user_negation_prefix() -%}(?i:\b(?:not|never|no|nor|without|avoid)\b|\w+n[''’]t\b)[^.!?\n]{0,40}?{%- endmacro %}

{% macro user_topic_body(topic) -%}
    {%- if topic == 'tests' -%}
\b(?:update|change|adjust|modify|rewrite|relax|loosen|delete|remove|drop|skip|disable|xfail|mark|comment out|quarantine|get rid of|prune|deprecate|rename|move|regenerate|refresh|re-?record|restore|revert|reinstate|put back)\b[^.?!;\n]{0,50}\b(?:tests?|specs?|assertions?|expectations?|snapshots?|golden(?: files?)?|fixtures?|test suite|test cases?|test files?|tolerances?|thresholds?|refs|references?(?: (?:data|files?|outputs?|values?|spectra|results))?|baselines?|expected outputs?)\b|\b(?:tests?|assertions?|expectations?|snapshots?)\b[^.?!;\n]{0,40}\b(?:is|are)\s+(?:wrong|outdated|obsolete|stale|flaky|incorrect|broken|no longer (?:needed|relevant|valid))|\bflaky\b|\bmark\s+(?:it|them|this|that)\s+(?:as\s+)?(?:skip(?:ped)?|xfail(?:ed)?|disabled|pending)\b|\b(?:skip|xfail|quarantine)\s+(?:it|them)\s+(?:on|for|in|until|when|with)\b|\b(?:mark|tag|annotate|decorate)\s+(?:it|them|this|that|(?:the\s+)?[\w:.]+(?:\s+tests?)?)\s+(?:as\s+|with\s+)?(?:#\[ignore\b|@(?:Ignore|Disabled|pytest\.mark\.(?:skip|xfail))\b|\b(?:ignored|skipped|disabled)\b)
    {%- elif topic == 'ci' -%}
\b(?:update|change|adjust|modify|rewrite|relax|fix|edit|remove|delete|disable|add|set up|configure|lower|make)\b[^.?!\n]{0,50}\b(?:ci|workflows?|pipelines?|github actions?|pre-commit|hooks?|coverage (?:threshold|gate)|tox|pytest config|(?:ci |nightly |build |test )?jobs?)\b|\b(?:non-?blocking|allowed to fail|allow(?:ed)?[ _-]failures?|continue-on-error|soft[- ]fail\w*|informational only)\b
    {%- elif topic == 'force_push' -%}
force[- ]?push|push\s+(?:--force|-f)\b|rewrite (?:the )?(?:git )?history|--force-with-lease
    {%- elif topic == 'delete' -%}
\b(?:delete|remove|wipe|clean\s+(?:up|out|away)|clear\s+(?:out|away)|(?:clean|clear)\s+(?:the|all|it|them|these|those|any|old|my|our|its|every)|purge|rm|erase|reset|drop|truncate|nuke|prune|discard|throw (?:away|out)|blow away|start (?:over|fresh)|revert|destroy|tear down|uninstall|get rid of|(?:rip|tear|strip|cut)\s+(?:\w+\s+){0,2}?out)\b
    {%- elif topic == 'send' -%}
\b(?:upload|send|post|push|share|copy|sync|scp|rsync|transfer|publish|back ?up|mirror|ship|forward)\b
    {%- endif -%}
{%- endmacro %}

{#
  A goal clause says what the work must achieve, not what to change: "fix the parser so the tests
  pass", "update the docs and make sure the suite is green", "refactor it, keeping CI green". Long
  requests carry one almost always; it is cut out (to its end) before a request is looked for, so
  naming the tests as the goal does not read as asking to change them.
#}
{% macro user_goal_clause() -%}(?i:\b(?:so(?:\s+that)?|such\s+that|until|make\s+sure|ensure|to\s+(?:make|get|have|keep|see)|in\s+order\s+to|keep(?:ing)?|verify|check|confirm|and\s+(?:make|get|keep|check|verify|confirm|see))\s+(?:that\s+|whether\s+|if\s+)?(?:(?:the|all|our|every|existing|other|remaining|whole|full|entire)\s+){0,2}(?:unit\s+|integration\s+|e2e\s+)?(?:tests?|test\s+suite|suite|specs?|ci|build|checks?|pipeline)\b)[^.!?;\n]*{%- endmacro %}

{#
  A verb of the request lists used as a noun asks for nothing: "after the clock tree change (PR 420)
  the ADC tests fail" reports a change, it does not ask for one to the tests. After a preposition and
  a determiner (up to three words between), or right after a determiner, change / update / refactor
  are nouns; both are cut out before a request is looked for.
#}
{% macro user_noun_use() -%}(?i:\b(?:after|since|from|by|with|before|in|of|since|despite|following)\s+(?:the|a|an|this|that|these|those|my|our|your|their|his|her|its)\s+(?:[\w().-]+\s+){0,3}?(?:change|update|refactor|move|upgrade|bump|rewrite)s?\b|\b(?:the|this|that|these|those|my|our|your|their|its|a|an|recent|latest|last|previous)\s+(?:change|update|refactor|rewrite)s?\b){%- endmacro %}

{% macro user_asks(text, topic) -%}
    {%- set without_goals = cw_regexp_replace_all(text, "'" ~ user_goal_clause() ~ "'", "' '") -%}
    {%- set without_goals = cw_regexp_replace_all(without_goals, "'" ~ user_noun_use() ~ "'", "' '") -%}
    regexp_matches(
        {{ cw_regexp_replace_all(without_goals, "'" ~ user_negation_prefix() ~ "(?i:" ~ user_topic_body(topic) ~ ")(?:[^.,;!?\\n]|[.,]\\S)*'", "' '") }},
        '(?i){{ user_topic_body(topic) }}'
    )
{%- endmacro %}
