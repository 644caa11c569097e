import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  agentPreview,
  DEFAULT_SAMPLES,
  findSplitIdentifiers,
  isAnimatedGif,
  IDENTIFIERS,
  MAX_DEPTH,
  parseResponseFile,
  resolveSrc,
  srcType,
  validateResponseFile,
  writeResponseFile,
  type RfDoc,
  type RfItem,
  type RfUsage,
} from '.';

const SEED = readFileSync(join(__dirname, 'testdata/seedExample.xml'), 'utf8');

function parse(xml: string): RfDoc {
  const r = parseResponseFile(xml);
  if (!r.ok) throw new Error(`${r.error.line}:${r.error.column} ${r.error.message}`);
  return r.doc;
}
/** The content of a doc without the session ids: what a round trip must keep. */
const content = (d: RfDoc) => {
  const index = new Map(d.items.map((it, i) => [it.id, i]));
  return d.items.map(({ id: _id, parent, ...rest }) => ({
    ...rest,
    parent: parent === null ? null : index.get(parent),
  }));
};
const tree = (d: RfDoc) => d.items.map((it) => `${'  '.repeat(depthOf(d, it))}${it.kind}:${it.name}`);
const depthOf = (d: RfDoc, it: RfItem): number =>
  it.parent
    ? 1 +
      depthOf(
        d,
        d.items.find((x) => x.id === it.parent)!,
      )
    : 0;
const item = (d: RfDoc, name: string) => d.items.find((i) => i.name === name)!;

describe('response file format (seed 001, E-MAIL, CHAT AND SMS RESPONSE FILES)', () => {
  it('parses the seed’s example into the expected tree', () => {
    const d = parse(SEED);
    expect(tree(d)).toEqual([
      'response:Simple Response with Description',
      'response:Simple Response without Description',
      'response:Response with a replacement',
      'response:Multiline Response',
      'response:Image Response',
      'response:HTML Response',
      'response:Image Response with Absolute URI',
      'response:External Text Response',
      'group:Group 1',
      '  response:Response in Group 1',
      '  group:Group 2 Inside Group 1',
      '    response:Response in Group 2',
      'group:Group 3',
      '  response:Response in Group 3',
    ]);
    expect(item(d, 'Multiline Response').text).toBe('Response Line 1\r\nResponse Line 2');
    expect(item(d, 'Simple Response without Description')).toMatchObject({
      text: 'This is the\nresponse',
      description: null,
    });
    expect(item(d, 'Image Response')).toMatchObject({
      src: 'Images/image1.jpg',
      text: '',
      order: ['Name', 'Src', 'Description'],
    });
    expect(item(d, 'Group 3').expanded).toBe('true');
    expect(item(d, 'Group 1').expanded).toBeNull();
  });

  it('round-trips: open → save → open keeps every group, response, attribute and character; save is stable', () => {
    const d1 = parse(SEED);
    const xml1 = writeResponseFile(d1);
    const d2 = parse(xml1);
    expect(content(d2)).toEqual(content(d1));
    expect(writeResponseFile(d2)).toBe(xml1);
    // the seed's encoding of multi-line text, attribute order kept
    expect(xml1).toContain('>Response Line 1&#x0d;&#x0a;Response Line 2</Response>');
    expect(xml1).toContain(
      '<Response Name="Image Response" Src="Images/image1.jpg" Description="This is an image response using a relative URI" />',
    );
    expect(xml1.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<ResponseFile>\n')).toBe(true);
  });

  it('keeps awkward characters, unknown attributes and empty groups through a round trip', () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?><ResponseFile><Group Name="A &amp; B" Custom="x"><Response Name="q&quot;&lt;&gt;" Description="two&#x0a;lines&#x09;tab">1 &lt; 2 &amp;&amp; 3 &gt; 2 — ü 😀 ' "<![CDATA[<b>]]>&#x0d;</Response><Group Name="empty"/></Group><Response Name="  spaced  ">  lead and trail  </Response></ResponseFile>`;
    const d1 = parse(xml);
    expect(item(d1, 'q"<>')).toMatchObject({ description: 'two\nlines\ttab', text: `1 < 2 && 3 > 2 — ü 😀 ' "<b>\r` });
    expect(item(d1, 'A & B').extra).toEqual([{ name: 'Custom', value: 'x' }]);
    const d2 = parse(writeResponseFile(d1));
    expect(content(d2)).toEqual(content(d1));
    expect(item(d2, '  spaced  ').text).toBe('  lead and trail  ');
  });

  it('reports malformed XML with line and column', () => {
    const r = parseResponseFile(
      '<?xml version="1.0"?>\n<ResponseFile>\n  <Response Name="a">x</Respons>\n</ResponseFile>',
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ line: 3 });
    const wrong = parseResponseFile('<ResponseFile>\n<Responses Name="x"/></ResponseFile>');
    expect(!wrong.ok && wrong.error).toMatchObject({
      line: 2,
      message: expect.stringMatching(/Unknown element <Responses>/),
    });
    const markup = parseResponseFile('<ResponseFile><Response Name="x">a <b>bold</b></Response></ResponseFile>');
    expect(!markup.ok && markup.error.message).toMatch(/write < as &lt;/);
    const root = parseResponseFile('<Responses/>');
    expect(!root.ok && root.error.message).toMatch(/starts with <ResponseFile>/);
    const enc = parseResponseFile('<?xml version="1.0" encoding="iso-8859-1"?><ResponseFile/>');
    expect(!enc.ok && enc.error.message).toMatch(/response files are UTF-8/);
    const bytes = parseResponseFile(new Uint8Array([0x3c, 0x52, 0xff, 0xfe]));
    expect(!bytes.ok && bytes.error.message).toMatch(/not valid UTF-8/);
  });
});

describe('hostile XML is refused cleanly', () => {
  it('an entity bomb (billion laughs) is refused at the DOCTYPE', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><ResponseFile><Response Name="x">&lol3;</Response></ResponseFile>`;
    const r = parseResponseFile(bomb);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({
      line: 1,
      message: expect.stringMatching(/DOCTYPE is not allowed.*entity/),
    });
  });

  it('an external entity is refused, and an undeclared entity reference too', () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<ResponseFile><Response Name="x">&xxe;</Response></ResponseFile>`;
    const r = parseResponseFile(xxe);
    expect(!r.ok && r.error.message).toMatch(/DOCTYPE is not allowed/);
    const undeclared = parseResponseFile('<ResponseFile>\n<Response Name="x">&xxe;</Response></ResponseFile>');
    expect(undeclared.ok).toBe(false);
    expect(!undeclared.ok && undeclared.error).toMatchObject({
      line: 2,
      message: expect.stringMatching(/entity.*only &lt;/i),
    });
  });

  it('a 50 MB file is refused by size, before parsing', () => {
    const big = `<ResponseFile>${'<Response Name="r">x</Response>'.repeat(1_700_000)}</ResponseFile>`;
    expect(big.length).toBeGreaterThan(50_000_000);
    const r = parseResponseFile(big);
    // the size message comes from the check made before any parsing
    expect(!r.ok && r.error.message).toMatch(/is \d+\.\d MB; the console opens response files up to 16\.0 MB/);
    const bytes = parseResponseFile(new Uint8Array(50 * 1024 * 1024));
    expect(!bytes.ok && bytes.error.message).toMatch(/50\.0 MB/);
  });

  it('deep nesting is refused with its position; the cap itself is accepted', () => {
    const nest = (n: number) =>
      `<ResponseFile>${'<Group Name="g">'.repeat(n)}<Response Name="r">x</Response>${'</Group>'.repeat(n)}</ResponseFile>`;
    const deep = parseResponseFile(nest(100_000));
    expect(!deep.ok && deep.error).toMatchObject({
      line: 1,
      message: expect.stringMatching(/nested more than 200 levels/),
    });
    const ok = parseResponseFile(nest(MAX_DEPTH));
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(parse(writeResponseFile(ok.doc)).items.length).toBe(MAX_DEPTH + 1);
  });
});

const chat: RfUsage[] = [{ serviceGroup: 'Web Chat', media: 'chat' }];
const email: RfUsage[] = [{ serviceGroup: 'Support E-mail', media: 'email' }];
const sms: RfUsage[] = [{ serviceGroup: 'SMS', media: 'sms' }];
const one = (xml: string, usages: RfUsage[], extra: Partial<Parameters<typeof validateResponseFile>[1]> = {}) =>
  validateResponseFile(parse(`<ResponseFile>${xml}</ResponseFile>`), { usages, location: '/srv/responses', ...extra });
const rules = (p: ReturnType<typeof one>) => p.map((x) => x.rule);

describe('validation: each rule fails and passes', () => {
  it('Name is required', () => {
    expect(rules(one('<Response>x</Response><Group><Response Name="a">x</Response></Group>', email))).toEqual([
      'name-required',
      'name-required',
    ]);
    expect(one('<Group Name="g"><Response Name="a">x</Response></Group>', email)).toEqual([]);
  });
  it('Src or inner text is required', () => {
    expect(one('<Response Name="a"/>', email)[0]).toMatchObject({
      rule: 'content-required',
      severity: 'error',
      field: 'text',
    });
    expect(one('<Response Name="a">x</Response>', email)).toEqual([]);
  });
  it('Expanded is "true" or "false"', () => {
    expect(one('<Group Name="g" Expanded="yes"><Response Name="a">x</Response></Group>', email)[0]).toMatchObject({
      rule: 'expanded-value',
      message: expect.stringMatching(/"yes"/),
    });
    expect(one('<Group Name="g" Expanded="false"><Response Name="a">x</Response></Group>', email)).toEqual([]);
  });
  it('an unknown identifier is flagged with a suggestion', () => {
    const p = one('<Response Name="a">Hi, I am $Agent.Nmae$</Response>', email);
    expect(p[0]).toMatchObject({
      rule: 'unknown-identifier',
      field: 'text',
      message: expect.stringMatching(/\$Agent\.Nmae\$ .*did you mean \$Agent\.Name\$/),
    });
    expect(one('<Response Name="a">Hi, I am $Agent.Name$; it costs $5 or $10.</Response>', email)).toEqual([]);
  });
  it('an identifier that does not apply to the media of a service group using the file', () => {
    expect(one('<Response Name="a">Re: $Subject$</Response>', chat)[0]).toMatchObject({
      rule: 'identifier-media',
      message: expect.stringMatching(
        /\$Subject\$ .*applies to Incoming E-mail only; it is not replaced for chat \(service group Web Chat/,
      ),
    });
    expect(one('<Response Name="a">Mail $Customer.Email$</Response>', email)[0]).toMatchObject({
      rule: 'identifier-media',
      message: expect.stringMatching(/Customer\.Email.*Chat only.*e-mail/),
    });
    expect(one('<Response Name="a">Re: $Subject$</Response>', email)).toEqual([]);
    expect(one('<Response Name="a">Mail $Customer.Email$</Response>', chat)).toEqual([]);
    // a file no service group uses: nothing to compare with
    expect(one('<Response Name="a">Re: $Subject$</Response>', [])).toEqual([]);
  });
  it('an identifier split by markup in an HTML source', () => {
    const sources = (html: string) => new Map([['a.htm', { exists: true, content: html }]]);
    const split = one('<Response Name="a" Src="a.htm"/>', email, {
      sources: sources('<p>Regards, $Agent.<span class="SpellE">Name</span>$</p>'),
    });
    expect(split.map((p) => p.rule)).toEqual(['identifier-split']);
    expect(split[0]!.message).toMatch(/\$Agent\.Name\$ split by HTML markup/);
    expect(
      one('<Response Name="a" Src="a.htm"/>', email, {
        sources: sources('<p>Regards, <b>$Agent.Name$</b> – $5 <i>off</i> $</p>'),
      }),
    ).toEqual([]);
    expect(findSplitIdentifiers('$<b>Agent</b>.Name$ and $Sub<o:p></o:p>ject$')).toEqual([
      { raw: '$<b>Agent</b>.Name$', name: 'Agent.Name' },
      { raw: '$Sub<o:p></o:p>ject$', name: 'Subject' },
    ]);
  });
  it('HTML and image responses only for e-mail', () => {
    const p = one('<Response Name="a" Src="x.png"/><Response Name="b" Src="y.html"/>', [...chat, ...sms], {
      sources: new Map(),
    });
    expect(p.map((x) => x.rule)).toEqual(['src-media', 'src-media', 'src-media', 'src-media']);
    expect(p[0]!.message).toMatch(
      /PNG responses are supported only for e-mail: chat agents \(service group Web Chat\)/,
    );
    expect(
      one('<Response Name="a" Src="x.png"/><Response Name="b" Src="y.html"/><Response Name="c" Src="z.doc"/>', email),
    ).toEqual([]);
    expect(one('<Response Name="c" Src="notes.doc"/>', chat)).toEqual([]); // not listed: plain text
  });
  it('a missing local Src file; a relative Src without a location', () => {
    const gone = one('<Response Name="a" Src="Images/none.png"/>', email, {
      sources: new Map([['Images/none.png', { exists: false }]]),
    });
    expect(gone[0]).toMatchObject({
      rule: 'src-missing',
      message: 'Src file not found: /srv/responses/Images/none.png.',
    });
    expect(
      one('<Response Name="a" Src="Images/ok.png"/>', email, {
        sources: new Map([['Images/ok.png', { exists: true }]]),
      }),
    ).toEqual([]);
    expect(rules(one('<Response Name="a" Src="Images/ok.png"/>', email, { location: null }))).toEqual([
      'src-unresolved',
    ]);
    expect(one('<Response Name="a" Src="https://cdn.example/x.png"/>', email, { location: null })).toEqual([]);
  });
});

describe('Src', () => {
  it('types follow the seed’s extension list; anything else is plain text', () => {
    const t = (s: string) => srcType(s).type;
    expect(
      [
        'a.htm',
        'a.HTML',
        'b.txt',
        'b.text',
        'c.bmp',
        'c.dib',
        'c.jpg',
        'c.jpeg',
        'c.gif',
        'c.tif',
        'c.tiff',
        'c.png',
        'd.doc',
        'noext',
        'x.png?v=1',
      ].map(t),
    ).toEqual([
      'html',
      'html',
      'text',
      'text',
      'image',
      'image',
      'image',
      'image',
      'image',
      'image',
      'image',
      'image',
      'text',
      'text',
      'image',
    ]);
  });
  it('relative paths resolve against the location; absolute URIs stay as they are', () => {
    expect(resolveSrc('Images/image1.jpg', '\\\\fs01\\responses')).toEqual({
      kind: 'absolute',
      path: '\\\\fs01\\responses\\Images\\image1.jpg',
    });
    expect(resolveSrc('Images/image1.jpg', '/srv/r/')).toEqual({ kind: 'absolute', path: '/srv/r/Images/image1.jpg' });
    expect(resolveSrc('Images/image1.jpg', 'https://intranet/responses')).toEqual({
      kind: 'remote',
      url: 'https://intranet/responses/Images/image1.jpg',
    });
    expect(resolveSrc('www.mitel.com/Images/logo.jpg', '/srv/r')).toEqual({
      kind: 'remote',
      url: 'http://www.mitel.com/Images/logo.jpg',
    });
    expect(resolveSrc('C:\\Responses\\a.htm', null)).toEqual({ kind: 'absolute', path: 'C:\\Responses\\a.htm' });
    expect(resolveSrc('file:///C:/R/a%20b.htm', null)).toEqual({ kind: 'absolute', path: 'C:/R/a b.htm' });
  });
});

describe('identifiers and the agent preview', () => {
  it('has every identifier of the seed’s table', () => {
    expect(IDENTIFIERS.map((d) => d.name)).toEqual([
      'CallID',
      'Subject',
      'From',
      'From.Name',
      'From.Address',
      'Date',
      'Time',
      'Received',
      'Received.Date',
      'Received.Time',
      'ServiceGroup',
      'ServiceGroup.Name',
      'ServiceGroup.Email',
      'Agent',
      'Agent.Name',
      'Agent.FirstName',
      'Agent.LastName',
      'Agent.ChatName',
      'Customer',
      'Customer.Name',
      'Customer.Email',
    ]);
  });

  it('an e-mail agent sees everything, identifiers replaced, dates in the locale; tooltips follow the seed', () => {
    const d = parse(
      SEED.replace(
        'This is the agent name: $Agent.Name$',
        'Agent $Agent.Name$ on $Received.Date$ re $Subject$, $Customer.Name$',
      ),
    );
    const p = agentPreview(
      d,
      'email',
      DEFAULT_SAMPLES,
      'de-DE',
      new Map([['HtmlFiles/HtmlResponse.htm', '<b>$Agent.Name$</b>']]),
      'UTC',
    );
    expect(p.map((n) => n.name)).toContain('Image Response');
    const r = p.find((n) => n.name === 'Response with a replacement')!;
    expect(r).toMatchObject({ text: 'Agent Alex Agent on 05.03.26 re Question about my invoice, $Customer.Name$' });
    expect(p.find((n) => n.name === 'Simple Response without Description')).toMatchObject({
      tooltip: 'This is the\nresponse',
    });
    expect(p.find((n) => n.name === 'Simple Response with Description')).toMatchObject({
      tooltip: 'This is a plain text response with a description',
    });
    expect(p.find((n) => n.name === 'HTML Response')).toMatchObject({
      type: 'html',
      text: '<b>Alex Agent</b>',
      tooltip: 'This is a HTML response using a relative URI',
    });
    expect(
      agentPreview(d, 'email', DEFAULT_SAMPLES, 'en-US', new Map(), 'UTC').find(
        (n) => n.name === 'Response with a replacement',
      ),
    ).toMatchObject({ text: expect.stringContaining('on 3/5/26 re') });
  });

  it('a chat agent gets no HTML or image responses, and groups emptied by that are hidden', () => {
    const d = parse(
      '<ResponseFile><Group Name="Pictures"><Response Name="Logo" Src="logo.png"/><Group Name="Inner"><Response Name="Page" Src="p.htm"/></Group></Group><Group Name="Texts" Expanded="true"><Response Name="Hi">Hello $Customer.Name$, re $Subject$</Response><Response Name="Logo2" Src="logo.gif"/></Group><Group Name="Empty"/></ResponseFile>',
    );
    const p = agentPreview(d, 'chat', DEFAULT_SAMPLES, 'en-US');
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({
      kind: 'group',
      name: 'Texts',
      expanded: true,
      children: [{ name: 'Hi', text: 'Hello John Smith, re $Subject$' }],
    });
    expect(agentPreview(d, 'email', DEFAULT_SAMPLES, 'en-US').map((n) => n.name)).toEqual(['Pictures', 'Texts']);
    expect(agentPreview(d, 'sms', DEFAULT_SAMPLES, 'en-US').map((n) => n.name)).toEqual(['Texts']);
  });
});

describe('a stray ampersand', () => {
  it('is reported where it is, not at the end of the file', () => {
    const r = parseResponseFile(
      '<ResponseFile>\n  <Response Name="Tom">Tom & Jerry</Response>\n  <Response Name="b">x</Response>\n</ResponseFile>',
    );
    expect(!r.ok && r.error).toMatchObject({ line: 2, column: 28, message: expect.stringMatching(/write & as &amp;/) });
    expect(
      parseResponseFile(
        '<ResponseFile><Response Name="a"><![CDATA[Tom & Jerry]]> &amp; &#38; &#x26;</Response><!-- a & b --></ResponseFile>',
      ).ok,
    ).toBe(true);
  });
});

describe('GIF (non-animated)', () => {
  it('tells animated GIFs from still ones, and flags them', () => {
    const dir = join(__dirname, 'testdata/Images');
    expect(isAnimatedGif(readFileSync(join(dir, 'animated.gif')))).toBe(true);
    expect(isAnimatedGif(readFileSync(join(dir, 'still.gif')))).toBe(false);
    expect(isAnimatedGif(readFileSync(join(dir, 'image1.jpg')))).toBe(false);
    const p = validateResponseFile(
      parse(
        '<ResponseFile><Response Name="a" Src="Images/animated.gif"/><Response Name="b" Src="Images/still.gif"/></ResponseFile>',
      ),
      {
        usages: email,
        location: '/x',
        sources: new Map([
          ['Images/animated.gif', { exists: true, animatedGif: true }],
          ['Images/still.gif', { exists: true, animatedGif: false }],
        ]),
      },
    );
    expect(p.map((x) => x.rule)).toEqual(['src-animated-gif']);
  });
});

describe('the seed’s example as printed', () => {
  it('parses with the line-wrapped attributes (XML turns their line breaks into spaces) and round-trips', () => {
    // FORMAT, both listings joined, attribute values wrapped across lines as the manual prints them
    const printed = `<?xml version="1.0" encoding="utf-8"?>
<ResponseFile>
  <Response Name="Simple Response with Description" Description="This is a plain
text response with a description">This is the response</Response>
  <Response Name="Simple Response without Description">This is the
response</Response>
<Response Name="Image Response with Absolute URI"
Src="www.mitel.com/Images/logo.jpg" Description="This is an image response using
an absolute URI" />
<Group Name="Group 3" Expanded="true">
  <Response Name="Response in Group 3" Description="This response is in a group
that is expanded by default">This is the response</Response>
</Group>
</ResponseFile>`;
    const d = parse(printed);
    expect(item(d, 'Simple Response with Description').description).toBe(
      'This is a plain text response with a description',
    );
    expect(item(d, 'Simple Response without Description').text).toBe('This is the\nresponse');
    expect(item(d, 'Image Response with Absolute URI').src).toBe('www.mitel.com/Images/logo.jpg');
    expect(content(parse(writeResponseFile(d)))).toEqual(content(d));
  });
});
