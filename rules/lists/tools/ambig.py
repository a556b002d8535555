import json, csv, sys, wordfreq as wf
pool = json.load(open('pool.json', encoding='utf-8'))
def words(path):
    return set(l.strip() for l in open(path, encoding='utf-8') if l.strip())
de = words('dl/deb_wngerman/usr/share/dict/ngerman') | words('dl/deb_wswiss/usr/share/dict/swiss')
en = words('dl/deb_wamerican/usr/share/dict/american-english') | words('dl/deb_wbritish/usr/share/dict/british-english')
en_small = words('dl/deb_wamerican-small/usr/share/dict/american-english-small')
nouns = {}
with open('dl/x_german_nouns/german_nouns/nouns.csv', encoding='utf-8') as f:
    r = csv.reader(f); hdr = next(r)
    for row in r:
        lemma, pos, genus = row[0], row[1], row[2]
        p = set(pos.split(','))
        if 'Substantiv' in p and not (p & {'Vorname', 'Nachname', 'Toponym'}) and (genus or any(row[3:7])):
            nouns[lemma] = pos
months = set('Januar Jänner Februar März April Mai Juni Juli August September Oktober November Dezember Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonnabend Sonntag January February March May June July October December Monday Tuesday Wednesday Thursday Friday Saturday Sunday'.split())
out = []
for n in pool:
    lo = n.lower()
    why = []
    if lo in de: why.append('de-lower')
    if lo in en: why.append('en-lower' + ('(small)' if lo in en_small else ''))
    if n in nouns: why.append('de-noun')
    if n in months: why.append('month/day')
    if why:
        out.append((n, ','.join(why), wf.zipf_frequency(lo, 'de'), wf.zipf_frequency(lo, 'en')))
out.sort(key=lambda x: -max(x[2], x[3]))
with open('ambig_candidates.tsv', 'w', encoding='utf-8') as f:
    for o in out: f.write(f'{o[0]}\t{o[1]}\t{o[2]:.2f}\t{o[3]:.2f}\n')
print(len(out))
