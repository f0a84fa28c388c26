import re, subprocess, pathlib
files = subprocess.run(['git','grep','-l','DEFAULT-STANDARD'],capture_output=True,text=True,cwd='/work/wt/i12').stdout.split()
for f in files:
    if f.startswith('docs/') or f.startswith('schemas/') or f == 'tests/docs.rs': continue
    p = pathlib.Path('/work/wt/i12')/f
    s = p.read_text()
    t = s.replace('DEFAULT-STANDARD §0', 'docs/DEFAULT-STANDARD.md (introduction)')
    t = re.sub(r'(?<![/\w])DEFAULT-STANDARD(\.md)?', 'docs/DEFAULT-STANDARD.md', t)
    if t != s:
        p.write_text(t); print('rewrote', f)
