import json, csv
pool = json.load(open('pool.json', encoding='utf-8'))
def readlist(p):
    out = []
    for l in open(p, encoding='utf-8'):
        if l.startswith('#'): continue
        out += l.split()
    return out
drop = set(readlist('drop_list.txt'))
NOT_NAMES = {'Wm'}  # abbreviation of "William" in the Moby list
missing = [d for d in drop if d not in pool]
print('drop-list entries not in pool:', missing)
names = sorted(n for n in pool if n not in drop and n not in NOT_NAMES)
amb = sorted(n for n in pool if n in drop)
open('names.txt', 'w', encoding='utf-8').write('\n'.join(names) + '\n')
open('ambiguous.txt', 'w', encoding='utf-8').write('\n'.join(amb) + '\n')
with open('names_sources.tsv', 'w', encoding='utf-8') as f:
    f.write('name\tsources\n')
    for n in names: f.write(f"{n}\t{','.join(pool[n])}\n")
cands = [l.rstrip('\n').split('\t') for l in open('ambig_candidates.tsv', encoding='utf-8')]
with open('ambiguous_review.tsv', 'w', encoding='utf-8') as f:
    f.write('name\tdecision\tmatched\tzipf_de\tzipf_en\n')
    seen = {c[0] for c in cands}
    rows = cands + [[n, 'manual-scan (place/brand/holiday/other)', '', ''] for n in drop if n not in seen]
    for n, why, zde, zen in sorted(rows):
        f.write(f"{n}\t{'drop' if n in drop else 'keep'}\t{why}\t{zde}\t{zen}\n")
print(len(names), 'names;', len(amb), 'ambiguous')
