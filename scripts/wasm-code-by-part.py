#!/usr/bin/env python3
"""Code bytes of a wasm by part of the app, from its name section (the release wasm before wasm-opt,
target/wasm32-unknown-unknown/release/lvzhi.wasm): what a Web Worker would take off the first visit.
Usage: python3 scripts/wasm-code-by-part.py <module.wasm>. An estimate: LTO attributes inlined helpers to
their callers. Results in BENCHMARKS.md ("Size limits").
"""
import sys, re, collections, subprocess
data = open(sys.argv[1], 'rb').read()
def leb(b, i):
    r = s = 0
    while True:
        x = b[i]; i += 1
        r |= (x & 0x7f) << s; s += 7
        if x < 0x80: return r, i
i = 8; imports_funcs = 0; bodies = []; names = {}
while i < len(data):
    sid = data[i]; i += 1
    size, i = leb(data, i); end = i + size
    if sid == 2:
        n, j = leb(data, i)
        for _ in range(n):
            l, j = leb(data, j); j += l
            l, j = leb(data, j); j += l
            kind = data[j]; j += 1
            if kind == 0: _, j = leb(data, j); imports_funcs += 1
            elif kind == 1: j += 1; flags, j = leb(data, j); _, j = leb(data, j); 
            elif kind == 2:
                flags, j = leb(data, j); _, j = leb(data, j)
                if flags & 1: _, j = leb(data, j)
            elif kind == 3: j += 2
    elif sid == 10:
        n, j = leb(data, i)
        for _ in range(n):
            l, j = leb(data, j); bodies.append(l); j += l
    elif sid == 0:
        l, j = leb(data, i); name = data[j:j+l].decode(); j += l
        if name == 'name':
            while j < end:
                sub = data[j]; j += 1; ssz, j = leb(data, j); send = j + ssz
                if sub == 1:
                    n, k = leb(data, j)
                    for _ in range(n):
                        idx, k = leb(data, k); l, k = leb(data, k); names[idx] = data[k:k+l].decode('utf8', 'replace'); k += l
                j = send
    i = end
total = sum(bodies)
groups = collections.Counter()
patterns = [
    ('indicator_table', r'indicator_table'), ('rule_reading', r'rule_reading'), ('parse (old report)', r'lvzhi_core::parse'),
    ('docx/docx_table/score_table writers', r'lvzhi_core::(docx|docx_table|score_table)'), ('xml-rs', r'\bxml\b|xml::'),
    ('zip crate', r'\bzip\b|zip::'), ('deflate (miniz/flate2)', r'miniz|flate2'), ('backup', r'lvzhi_core::backup'),
    ('merge', r'lvzhi_core::merge'), ('remap', r'lvzhi_core::remap'), ('figures_sheet', r'figures_sheet'), ('draft_file', r'draft_file'),
]
demangled = {}
try:
    import subprocess
    allnames = list(names.items())
    out = subprocess.run(['c++filt', '--no-params'], input='\n'.join(n for _, n in allnames), capture_output=True, text=True).stdout.split('\n')
    for (idx, _), d in zip(allnames, out): demangled[idx] = d
except Exception as e:
    print('no c++filt', e)
for k, size in enumerate(bodies):
    name = demangled.get(k + imports_funcs, names.get(k + imports_funcs, '?'))
    for label, pat in patterns:
        if re.search(pat, name):
            groups[label] += size; break
print('code bytes', total, 'functions', len(bodies))
s = 0
for label, size in groups.most_common():
    s += size
    print(f'{label:40s} {size/1024:8.1f} KB {100*size/total:5.1f}%')
print(f'{"sum":40s} {s/1024:8.1f} KB {100*s/total:5.1f}%')
