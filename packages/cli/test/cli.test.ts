import { formatSource } from '@poetkit/language';
import assert from 'node:assert/strict';
import { chmodSync, lstatSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { commandHelp } from '../src/command.js';
import { commands } from '../src/commands/all.js';
import { commandEntries, commandNames } from '../src/commands/index.js';
import { displayPath } from '../src/files.js';
import { writeFileAtomic } from '../src/io.js';
import { BROKEN, CLEAN, MESSY, TABBED, poet, tempDir, writeFiles } from './helpers.js';

/** A usage error: status 2, nothing on standard output, exactly `line` on standard error. */
function assertUsage(run: { status: number; stdout: string; stderr: string }, line: string): void {
  assert.equal(run.status, 2, run.stderr);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr, `poet: ${line}\n`);
}

describe('poet check', () => {
  it('exits 0 with a summary for a clean file', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'ok.poet': CLEAN });
    const run = await poet(dir, ['check', 'ok.poet']);
    assert.deepEqual(run, { status: 0, stdout: 'Checked 1 file: no problems.\n', stderr: '', written: [] });
  });

  it('exits 1 and prints each error with its source line, then the summary', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'sub/bad.poet': BROKEN, 'ok.poet': CLEAN });
    const run = await poet(dir, ['check', 'sub/bad.poet', 'ok.poet']);
    assert.equal(run.status, 1);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, /^sub\/bad\.poet\(3,4\): error POET1101: Unknown word 'mutli' here/);
    assert.ok(run.stdout.includes('\n    3 | 4) mutli x "Q"\n      |    ~~~~~\n'), run.stdout);
    assert.ok(run.stdout.endsWith("\n\nChecked 2 files: 1 error.\n"), run.stdout);
  });

  it('exits 0 when there are only warnings', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'tab.poet': TABBED });
    const run = await poet(dir, ['check', 'tab.poet']);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^tab\.poet\(4,1\): warning POET1003: /);
    assert.ok(run.stdout.endsWith('Checked 1 file: 1 warning.\n'));
  });

  it('prints the files in command-line order, each in source order, and checks a file named twice once', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'b.poet': `${BROKEN}4) mutli y "R"\n`, 'a.poet': BROKEN });
    const run = await poet(dir, ['check', 'b.poet', 'a.poet', './b.poet']);
    const headings = run.stdout.split('\n').filter((l) => /^\S+\(\d+,\d+\): /.test(l)).map((l) => l.split(':')[0]);
    assert.deepEqual(headings, ['b.poet(3,4)', 'b.poet(4,4)', 'a.poet(3,4)']);
    assert.ok(run.stdout.endsWith('Checked 2 files: 3 errors.\n'));
  });

  it('reports bytes that are not UTF-8 (POET1001) and exits 1', async () => {
    const dir = tempDir();
    const bytes = Buffer.concat([Buffer.from('survey s "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]);
    writeFiles(dir, { 'latin1.poet': bytes });
    const run = await poet(dir, ['check', 'latin1.poet']);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^latin1\.poet\(1,14\): error POET1001: /);

    // A bad byte outside a string is reported once, not again as an unexpected character.
    writeFiles(dir, { 'stray.poet': Buffer.concat([Buffer.from('survey s "T"\n4) single x '), Buffer.from([0xff, 0xfe]), Buffer.from(' "Q"\n')]) });
    const stray = await poet(dir, ['check', '--format', 'json', 'stray.poet']);
    assert.deepEqual(
      (JSON.parse(stray.stdout) as { code: string; range: { start: { line: number; column: number } } }[]).map((d) => [d.code, d.range.start.line, d.range.start.column]),
      [['POET1001', 2, 13]],
    );
  });

  it('reports an empty file', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'empty.poet': '' });
    const run = await poet(dir, ['check', 'empty.poet']);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^empty\.poet\(1,1\): error POET1002: This file is empty\.\n  hint: /);
  });

  it('--format json prints one JSON array of every diagnostic and nothing else', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'bad.poet': BROKEN, 'tab.poet': TABBED });
    for (const argv of [
      ['check', '--format', 'json', 'bad.poet', 'tab.poet'],
      ['check', 'bad.poet', '--format=json', 'tab.poet'],
    ]) {
      const run = await poet(dir, argv);
      assert.equal(run.status, 1);
      assert.equal(run.stderr, '');
      const parsed = JSON.parse(run.stdout) as Record<string, unknown>[];
      assert.ok(Array.isArray(parsed));
      assert.deepEqual(
        parsed.map((d) => [d['file'], d['code']]),
        [
          ['bad.poet', 'POET1101'],
          ['tab.poet', 'POET1003'],
        ],
      );
      for (const d of parsed) {
        assert.deepEqual(Object.keys(d), ['code', 'id', 'severity', 'file', 'range', 'message', 'hint', 'related']);
      }
      assert.deepEqual(parsed[0], {
        code: 'POET1101',
        id: 'unknown-keyword',
        severity: 'error',
        file: 'bad.poet',
        range: { start: { line: 3, column: 4, offset: 17 }, end: { line: 3, column: 9, offset: 22 } },
        message: parsed[0]!['message'],
        hint: "Did you mean 'multi'?",
        related: [],
      });
      assert.match(String(parsed[0]!['message']), /^Unknown word 'mutli' here; expected /);
      assert.equal(parsed[1]!['severity'], 'warning');
    }
  });

  it('--format json gives hint null when there is none, and [] with no problems (exit 0)', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'ok.poet': CLEAN, 'brace.poet': 'survey s "T"\n4) single x\n' });
    const clean = await poet(dir, ['check', '--format', 'json', 'ok.poet']);
    assert.equal(clean.status, 0);
    assert.deepEqual(JSON.parse(clean.stdout), []);
    const missing = await poet(dir, ['check', '--format', 'json', 'brace.poet']);
    const parsed = JSON.parse(missing.stdout) as { hint: unknown }[];
    assert.ok(parsed.length > 0);
    assert.ok(parsed.some((d) => d.hint === null), missing.stdout);
    assert.ok(parsed.every((d) => d.hint === null || typeof d.hint === 'string'));
  });

  it('--format text is the default', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'ok.poet': CLEAN });
    assert.equal((await poet(dir, ['check', '--format', 'text', 'ok.poet'])).stdout, 'Checked 1 file: no problems.\n');
  });

  it('colours on a terminal, and not with NO_COLOR', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'bad.poet': BROKEN });
    const tty = await poet(dir, ['check', 'bad.poet'], { isTTY: true });
    assert.ok(tty.stdout.includes('\u001b['));
    const noColor = await poet(dir, ['check', 'bad.poet'], { isTTY: true, env: { NO_COLOR: '1' } });
    assert.ok(!noColor.stdout.includes('\u001b['));
    const pipe = await poet(dir, ['check', 'bad.poet']);
    assert.equal(noColor.stdout, pipe.stdout);
  });

  it('shows paths as given, with forward slashes', () => {
    assert.equal(displayPath('examples\\banks\\common.poet'), 'examples/banks/common.poet');
    assert.equal(displayPath('examples/x.poet'), 'examples/x.poet');
  });
});

describe('usage errors: exit 2, one line on standard error', () => {
  it('names an unknown option and suggests the nearest', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'ok.poet': CLEAN });
    assertUsage(
      await poet(dir, ['check', '--fomat', 'json', 'ok.poet']),
      "unknown option '--fomat' for 'check' (did you mean '--format'?). Run 'poet check --help'.",
    );
    assertUsage(
      await poet(dir, ['check', '--write', 'ok.poet']),
      "unknown option '--write' for 'check' ('--write' is an option of 'poet fmt'). Run 'poet check --help'.",
    );
    assertUsage(await poet(dir, ['check', '-x', 'ok.poet']), "unknown option '-x' for 'check'. Run 'poet check --help'.");
    assertUsage(await poet(dir, ['fmt', '--wirte', 'ok.poet']), "unknown option '--wirte' for 'fmt' (did you mean '--write'?). Run 'poet fmt --help'.");
  });

  it('checks option values', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'ok.poet': CLEAN });
    assertUsage(await poet(dir, ['check', '--format', 'xml', 'ok.poet']), "--format must be 'text' or 'json', not 'xml'. Run 'poet check --help'.");
    assertUsage(await poet(dir, ['check', 'ok.poet', '--format']), "option '--format' needs a value (text|json). Run 'poet check --help'.");
    assertUsage(await poet(dir, ['check', '--format=', 'ok.poet']), "option '--format' needs a value (text|json). Run 'poet check --help'.");
    assertUsage(await poet(dir, ['fmt', '--write=yes', 'ok.poet']), "option '--write' takes no value. Run 'poet fmt --help'.");
    assertUsage(await poet(dir, ['fmt', '--write', '--check', 'ok.poet']), "--write and --check cannot be used together. Run 'poet fmt --help'.");
  });

  it('names an unknown command and suggests the nearest', async () => {
    const dir = tempDir();
    assertUsage(await poet(dir, ['chek', 'x.poet']), "unknown command 'chek' (did you mean 'check'?). Run 'poet --help'.");
    assertUsage(await poet(dir, ['translate', 'x.poet']), "unknown command 'translate'. Run 'poet --help'.");
    assertUsage(await poet(dir, ['help', 'fnt']), "unknown command 'fnt' (did you mean 'fmt'?). Run 'poet --help'.");
    assertUsage(await poet(dir, ['--verison']), "unknown option '--verison' (did you mean '--version'?); give a command first, for example 'poet check FILE'. Run 'poet --help'.");
    assertUsage(await poet(dir, []), `no command given; the commands are ${commands.map((c) => c.name).join(', ')}. Run 'poet --help'.`);
    assertUsage(await poet(dir, ['help', 'check', 'fmt']), "'help' takes one COMMAND, for example 'poet help check'. Run 'poet --help'.");
  });

  it('needs at least one FILE', async () => {
    const dir = tempDir();
    assertUsage(await poet(dir, ['check']), "'check' needs at least one FILE. Run 'poet check --help'.");
    assertUsage(await poet(dir, ['fmt', '--check']), "'fmt' needs at least one FILE. Run 'poet fmt --help'.");
    assertUsage(await poet(dir, ['check', '-']), "'-' is not a file name; give the path of a .poet file. Run 'poet check --help'.");
  });

  it('names a missing file, a directory and an unreadable file, and prints nothing else', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'examples/ok.poet': CLEAN, 'plain.txt': 'x' });
    assertUsage(await poet(dir, ['check', 'examples/ok.poet', 'examples/nope.poet']), 'no such file: examples/nope.poet');
    assertUsage(await poet(dir, ['check', 'plain.txt/x.poet']), 'no such file: plain.txt/x.poet');
    assertUsage(await poet(dir, ['check', 'examples']), 'examples is a directory; give the .poet files in it, for example examples/*.poet');
    assertUsage(await poet(dir, ['fmt', 'examples/']), 'examples/ is a directory; give the .poet files in it, for example examples/*.poet');
    // Tests may run as root, who can read any file: simulate the permission error.
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    assertUsage(
      await poet(dir, ['check', 'examples/ok.poet'], { readFile: () => Promise.reject(denied) }),
      'cannot read examples/ok.poet: permission denied',
    );
    const io = Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
    assertUsage(await poet(dir, ['check', 'examples/ok.poet'], { readFile: () => Promise.reject(io) }), 'cannot read examples/ok.poet (EIO)');
  });

  it('reads FILEs after -- even when they start with a dash', async () => {
    const dir = tempDir();
    writeFiles(dir, { '--odd.poet': CLEAN });
    const run = await poet(dir, ['check', '--', '--odd.poet']);
    assert.equal(run.status, 0, run.stderr);
  });
});

describe('internal errors', () => {
  it('exit 70 with a request to report, and no stack trace unless POET_DEBUG is set', async () => {
    const dir = tempDir();
    const bug = () => Promise.reject(new TypeError('boom'));
    const run = await poet(dir, ['check', 'x.poet'], { readFile: bug });
    assert.equal(run.status, 70);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^poet: internal error: boom\nThis is a bug in poet\. Please report it/);
    assert.ok(!run.stderr.includes('    at '));
    const debug = await poet(dir, ['check', 'x.poet'], { readFile: bug, env: { POET_DEBUG: '1' } });
    assert.ok(debug.stderr.includes('TypeError: boom\n    at '));
  });
});

describe('help and version', () => {
  it('loads each verb on demand from a list of the same verbs, in the same order, as the library lists', async () => {
    assert.deepEqual(commandNames, commands.map((c) => c.name));
    for (const entry of commandEntries) assert.equal(await entry.load(), commands.find((c) => c.name === entry.name), entry.name);
  });
  it('prints the general help for --help, -h and help', async () => {
    const dir = tempDir();
    for (const argv of [['--help'], ['-h'], ['help']]) {
      const run = await poet(dir, argv);
      assert.equal(run.status, 0);
      assert.equal(run.stderr, '');
      assert.match(run.stdout, /^poet: write, check, test, compile and serve POET questionnaires/);
      for (const c of commands) assert.ok(run.stdout.includes(`\n  ${c.name} `), `${c.name} listed`);
      assert.ok(run.stdout.includes('Examples:\n  poet check'));
    }
  });

  it('has a help text with usage, options and an example for every command, however it is asked for', async () => {
    const dir = tempDir();
    for (const c of commands) {
      const text = commandHelp(c);
      assert.ok(text.startsWith(`Usage: poet ${c.name} `), text);
      assert.ok(text.includes('\nOptions:\n'));
      assert.ok(text.includes('  -h, --help'));
      assert.ok(text.includes(`\nExamples:\n  poet ${c.name} `));
      assert.ok(text.includes('\nExit status:\n'));
      for (const o of c.options) assert.ok(text.includes(`  --${o.name}`), `${c.name} --${o.name}`);
      for (const argv of [['help', c.name], [c.name, '--help'], [c.name, 'x.poet', '-h'], [c.name, '--nonsense', '--help']]) {
        assert.deepEqual(await poet(dir, argv), { status: 0, stdout: text, stderr: '', written: [] }, argv.join(' '));
      }
    }
  });

  it('prints the version of the package', async () => {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const run = await poet(tempDir(), ['--version']);
    assert.deepEqual(run, { status: 0, stdout: `poet ${manifest.version}\n`, stderr: '', written: [] });
  });
});

describe('poet fmt', () => {
  const formatted = formatSource(MESSY, 'x').output!;

  it('prints the formatted file', async () => {
    assert.notEqual(formatted, MESSY);
    const dir = tempDir();
    writeFiles(dir, { 'messy.poet': MESSY });
    const run = await poet(dir, ['fmt', 'messy.poet']);
    assert.deepEqual(run, { status: 0, stdout: formatted, stderr: '', written: [] });
    assert.equal(readFileSync(join(dir, 'messy.poet'), 'utf8'), MESSY);
  });

  it('heads each file when several are given', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.poet': MESSY, 'b.poet': CLEAN });
    const run = await poet(dir, ['fmt', 'a.poet', 'b.poet']);
    assert.equal(run.status, 0);
    assert.equal(run.stdout, `==> a.poet <==\n${formatted}\n==> b.poet <==\n${CLEAN}`);
  });

  it('never formats a file with errors: its problems go to standard error, exit 1', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'bad.poet': BROKEN, 'ok.poet': CLEAN });
    const run = await poet(dir, ['fmt', 'bad.poet', 'ok.poet']);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, `==> ok.poet <==\n${CLEAN}`);
    assert.match(run.stderr, /^bad\.poet\(3,4\): error POET1101: /);
    assert.ok(run.stderr.endsWith("\nNot formatted because of errors: bad.poet. Fix them (see 'poet check') and run again.\n"));
  });

  it('--write rewrites only the files that changed and lists them', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'messy.poet': MESSY, 'clean.poet': CLEAN });
    chmodSync(join(dir, 'messy.poet'), 0o640);
    const run = await poet(dir, ['fmt', '--write', 'messy.poet', 'clean.poet']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, 'Formatted: messy.poet\n');
    assert.deepEqual(run.written, [join(dir, 'messy.poet')]);
    assert.equal(readFileSync(join(dir, 'messy.poet'), 'utf8'), formatted);
    assert.equal(readFileSync(join(dir, 'clean.poet'), 'utf8'), CLEAN);
    assert.equal(statSync(join(dir, 'messy.poet')).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(dir).sort(), ['clean.poet', 'messy.poet'], 'no temporary file left');

    const again = await poet(dir, ['fmt', '--write', 'messy.poet', 'clean.poet']);
    assert.deepEqual(again, { status: 0, stdout: 'Nothing to change: all 2 files are formatted.\n', stderr: '', written: [] });
  });

  it('--write leaves a broken file byte-identical and exits 1, still writing the others', async () => {
    const dir = tempDir();
    const broken = Buffer.from(`${BROKEN.replace(/\n/g, '\r\n')}\t# tab\r\n`);
    writeFiles(dir, { 'bad.poet': broken, 'messy.poet': MESSY });
    const run = await poet(dir, ['fmt', '--write', 'bad.poet', 'messy.poet']);
    assert.equal(run.status, 1);
    assert.deepEqual(run.written, [join(dir, 'messy.poet')]);
    assert.ok(readFileSync(join(dir, 'bad.poet')).equals(broken));
    assert.match(run.stderr, /^bad\.poet\(3,4\): error POET1101: /);
  });

  it('--write never writes a file whose bytes are not UTF-8', async () => {
    const dir = tempDir();
    const bytes = Buffer.concat([Buffer.from('survey   s "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]);
    writeFiles(dir, { 'latin1.poet': bytes });
    const run = await poet(dir, ['fmt', '--write', 'latin1.poet']);
    assert.equal(run.status, 1);
    assert.deepEqual(run.written, []);
    assert.ok(readFileSync(join(dir, 'latin1.poet')).equals(bytes));
    assert.match(run.stderr, /^latin1\.poet\(1,16\): error POET1001: /);
  });

  it('treats CRLF line ends as not formatted and --write converts them to LF', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'crlf.poet': CLEAN.replace(/\n/g, '\r\n') });
    const check = await poet(dir, ['fmt', '--check', 'crlf.poet']);
    assert.equal(check.status, 1);
    assert.ok(check.stdout.startsWith('Not formatted: crlf.poet\n'));
    await poet(dir, ['fmt', '--write', 'crlf.poet']);
    assert.equal(readFileSync(join(dir, 'crlf.poet'), 'utf8'), CLEAN);
  });

  it('--check lists the files that are not formatted, writes nothing, exits 1 if any', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.poet': MESSY, 'b.poet': CLEAN, 'c.poet': MESSY });
    const run = await poet(dir, ['fmt', '--check', 'a.poet', 'b.poet', 'c.poet']);
    assert.deepEqual(run, {
      status: 1,
      stdout: "Not formatted: a.poet\nNot formatted: c.poet\nRun 'poet fmt --write' on them to format.\n",
      stderr: '',
      written: [],
    });
    assert.equal(readFileSync(join(dir, 'a.poet'), 'utf8'), MESSY);
    const clean = await poet(dir, ['fmt', '--check', 'b.poet']);
    assert.deepEqual(clean, { status: 0, stdout: 'b.poet is formatted.\n', stderr: '', written: [] });
    writeFiles(dir, { 'd.poet': CLEAN });
    const both = await poet(dir, ['fmt', '--check', 'b.poet', 'd.poet']);
    assert.deepEqual(both, { status: 0, stdout: 'All 2 files are formatted.\n', stderr: '', written: [] });
  });

  it('--check exits 1 for a file with errors', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'bad.poet': BROKEN, 'b.poet': CLEAN });
    const run = await poet(dir, ['fmt', '--check', 'bad.poet', 'b.poet']);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^bad\.poet\(3,4\): error POET1101: /);
  });

  it('reports a file that cannot be written (exit 2) and leaves it unchanged', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'messy.poet': MESSY });
    const denied = Object.assign(new Error('EACCES'), { code: 'EACCES' });
    const run = await poet(dir, ['fmt', '--write', 'messy.poet'], { writeFile: () => Promise.reject(denied) });
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'poet: cannot write messy.poet: permission denied; the file is unchanged.\n');
    assert.equal(readFileSync(join(dir, 'messy.poet'), 'utf8'), MESSY);
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file a symbolic link points to, keeping the link', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'target.poet'), 'old');
    symlinkSync('target.poet', join(dir, 'link.poet'));
    await writeFileAtomic(join(dir, 'link.poet'), new TextEncoder().encode('new'));
    assert.ok(lstatSync(join(dir, 'link.poet')).isSymbolicLink());
    assert.equal(readFileSync(join(dir, 'target.poet'), 'utf8'), 'new');
  });

  it('creates a file that does not exist yet, and leaves no temporary file when it fails', async () => {
    const dir = tempDir();
    await writeFileAtomic(join(dir, 'new.poet'), new TextEncoder().encode('x'));
    assert.equal(readFileSync(join(dir, 'new.poet'), 'utf8'), 'x');
    writeFileSync(join(dir, 'usual.txt'), 'x');
    assert.equal(statSync(join(dir, 'new.poet')).mode & 0o777, statSync(join(dir, 'usual.txt')).mode & 0o777, 'a new file gets the usual permissions');
    // Renaming over a directory fails after the temporary file was written.
    writeFiles(dir, { 'folder.poet/inside': 'x' });
    await assert.rejects(writeFileAtomic(join(dir, 'folder.poet'), new TextEncoder().encode('y')));
    assert.deepEqual(readdirSync(dir).sort(), ['folder.poet', 'new.poet', 'usual.txt']);
  });
});
