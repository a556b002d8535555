import importlib, sys, json
sys.path.insert(0, sys.argv[1])
out = {}
locs = sys.argv[2].split(',')
for loc in locs:
    m = importlib.import_module(f"faker.providers.person.{loc}")
    P = m.Provider
    names = set()
    for attr in ("first_names_male","first_names_female","first_names_nonbinary","first_names"):
        v = getattr(P, attr, None)
        if v is None: continue
        if isinstance(v, dict): v = v.keys()
        names.update(v)
    out[loc] = sorted(names)
    print(loc, len(names), file=sys.stderr)
json.dump(out, open(sys.argv[3],"w"), ensure_ascii=False, indent=0)
