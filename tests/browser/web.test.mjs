// tests/browser/web.test.mjs: darkstat-tui's web interface in a real
// browser (Debian's Chromium driven by playwright-core). Run by
// tests/e2e/browser.sh, which starts the server on a replay with local
// networks (-l) so that the graphs have bars.
//
// usage: node web.test.mjs URL SHOTDIR
// Prints "ok - NAME" or "not ok - NAME (why)" for each check.
import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

const [base, shots] = process.argv.slice(2);
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const IN = [0x1f, 0x77, 0xb4], OUT = [0xd6, 0x27, 0x28];
const GRAPHS = ['seconds', 'minutes', 'hours', 'days'];
// graph.js's geometry: the plot area of the 640x220 canvas.
const W = 640, H = 220, ML = 78, MR = 10, MT = 10, MB = 34;

const ok = (name) => console.log(`ok - ${name}`);
const notOk = (name, why) =>
	console.log(`not ok - ${name}${why ? ` (${String(why).slice(0, 400)})` : ''}`);
const check = (name, cond, why) => (cond ? ok(name) : notOk(name, why));

// A section of checks: an exception is one "not ok", the rest go on.
async function section(name, fn) {
	try {
		await fn();
	} catch (e) {
		notOk(`${name}: ran to the end`, e && e.message ?
		    e.message.split('\n')[0] : e);
	}
}

// Keep a screenshot; not a check.
function save(file, data) {
	try {
		writeFileSync(file, data);
	} catch (e) {
		console.error(`can't save ${file}: ${e.message}`);
	}
}

async function json(path) {
	const r = await fetch(base + path);
	if (!r.ok)
		throw new Error(`GET ${path}: ${r.status}`);
	return r.json();
}

// Decode a PNG (8-bit RGB or RGBA, not interlaced: what Chromium writes)
// into { width, height, px(x, y) -> [r, g, b] }.
function decodePng(buf) {
	if (buf.readUInt32BE(0) !== 0x89504e47)
		throw new Error('not a PNG');
	let pos = 8, width = 0, height = 0, bpp = 0;
	const idat = [];
	while (pos < buf.length) {
		const len = buf.readUInt32BE(pos), type = buf.toString('latin1',
		    pos + 4, pos + 8), data = buf.subarray(pos + 8, pos + 8 + len);
		if (type === 'IHDR') {
			width = data.readUInt32BE(0);
			height = data.readUInt32BE(4);
			const depth = data[8], colour = data[9], interlace = data[12];
			if (depth !== 8 || (colour !== 2 && colour !== 6) || interlace)
				throw new Error(`PNG type ${depth}/${colour}/${interlace}`);
			bpp = colour === 6 ? 4 : 3;
		} else if (type === 'IDAT')
			idat.push(data);
		else if (type === 'IEND')
			break;
		pos += 12 + len;
	}
	const raw = inflateSync(Buffer.concat(idat)), stride = width * bpp;
	const out = Buffer.alloc(stride * height);
	for (let y = 0; y < height; y++) {
		const f = raw[y * (stride + 1)], src = y * (stride + 1) + 1;
		for (let i = 0; i < stride; i++) {
			const a = i >= bpp ? out[y * stride + i - bpp] : 0;
			const b = y > 0 ? out[(y - 1) * stride + i] : 0;
			const c = y > 0 && i >= bpp ? out[(y - 1) * stride + i - bpp] : 0;
			let v = raw[src + i];
			if (f === 1) v += a;
			else if (f === 2) v += b;
			else if (f === 3) v += (a + b) >> 1;
			else if (f === 4) {
				const p = a + b - c, pa = Math.abs(p - a);
				const pb = Math.abs(p - b), pc = Math.abs(p - c);
				v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
			}
			out[y * stride + i] = v & 255;
		}
	}
	return { width, height, px: (x, y) => [...out.subarray(
	    y * stride + x * bpp, y * stride + x * bpp + 3)] };
}

// A page that records its console errors, uncaught exceptions, CSP
// violations and failed requests in page.problems.
async function newPage(ctx) {
	const page = await ctx.newPage();
	page.problems = [];
	page.on('console', (m) => {
		// Chromium asks for /favicon.ico by itself, once per browser;
		// the pages link no icon and the server has none (as darkstat).
		if (/\/favicon\.ico$/.test(m.location().url || ''))
			return;
		if (m.type() === 'error' || m.type() === 'warning')
			page.problems.push(`console ${m.type()}: ${m.text()} ` +
			    `(${m.location().url || ''})`);
	});
	page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
	page.on('requestfailed', (r) => {
		// A fetch cut short by leaving the page is not a fault.
		if (!/ERR_ABORTED/.test(r.failure()?.errorText || ''))
			page.problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`);
	});
	page.on('response', (r) => {
		if (r.status() >= 400 && !/\/favicon\.ico$/.test(r.url()))
			page.problems.push(`HTTP ${r.status()}: ${r.url()}`);
	});
	await page.addInitScript(() => {
		// A canvas's pixels, read from a copy: reading the page's own
		// canvas again and again makes Chromium warn on the console.
		window.__pixels = (id) => {
			const cv = document.getElementById(id);
			const copy = document.createElement('canvas');
			copy.width = cv.width;
			copy.height = cv.height;
			const c = copy.getContext('2d', { willReadFrequently: true });
			c.drawImage(cv, 0, 0);
			return c.getImageData(0, 0, cv.width, cv.height).data;
		};
		window.__csp = [];
		document.addEventListener('securitypolicyviolation', (e) =>
		    window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
	});
	return page;
}

// Console errors and CSP violations since the last call.
async function problems(page) {
	let csp = [];
	try {
		csp = await page.evaluate(() => window.__csp.splice(0));
	} catch (e) { /* the page is gone */ }
	return page.problems.splice(0).concat(csp.map((c) => `CSP: ${c}`));
}

// The bars of graph name as graph.js draws them, oldest first.
function bars(data, name) {
	const g = data.graphs[name], n = g.in.length, v = [];
	for (let i = 1; i <= n; i++) {
		const k = (g.pos + i) % n;
		v.push({ i: g.in[k], o: g.out[k] });
	}
	return v;
}

// In the page: per bar, the pixels of the in and out colours in its
// column of the plot, from the canvas itself.
function canvasCounts(arg) {
	const { name, n, IN, OUT, W, H, ML, MR } = arg;
	const d = window.__pixels('canvas-' + name);
	const bw = (W - ML - MR) / n, res = { ink: 0, bars: [] };
	for (let i = 0; i < n; i++)
		res.bars.push({ i: 0, o: 0 });
	for (let y = 0; y < H; y++)
		for (let x = 0; x < W; x++) {
			const p = (y * W + x) * 4;
			if (d[p + 3] === 0)
				continue;
			res.ink++;
			const rgb = [d[p], d[p + 1], d[p + 2]], b = Math.floor((x -
			    ML) / bw);
			const col = rgb.every((c, j) => c === IN[j]) ? 'i' :
			    rgb.every((c, j) => c === OUT[j]) ? 'o' : null;
			if (col && d[p + 3] === 255 && b >= 0 && b < n)
				res.bars[b][col]++;
		}
	return res;
}

const argmaxes = (v, f) => {
	const m = Math.max(...v.map(f));
	return v.map((x, i) => (f(x) === m ? i : -1)).filter((i) => i >= 0);
};

const browser = await chromium.launch({
	executablePath: CHROMIUM,
	args: ['--no-sandbox', '--force-color-profile=srgb',
	    '--disable-gpu', '--disable-dev-shm-usage'],
});
const newContext = () => browser.newContext({
	viewport: { width: 1100, height: 1400 }, deviceScaleFactor: 1,
	timezoneId: 'UTC', locale: 'en-US',
});

// ------------------------------------------------------------ graphs
await section('/', async () => {
	const ctx = await newContext();
	const page = await newPage(ctx);
	page.setDefaultTimeout(10000);
	const data = await json('api/v1/graphs.json');
	const sums = Object.fromEntries(GRAPHS.map((g) => [g,
	    bars(data, g).reduce((s, b) => s + b.i + b.o, 0)]));
	check('api/v1/graphs.json has bars to draw (-l local networks)',
	    sums.minutes > 0 && sums.hours > 0, JSON.stringify(sums));

	const resp = await page.goto(base);
	check('/ loads (200)', resp.status() === 200, resp.status());
	await page.waitForFunction(() =>
	    ['seconds', 'minutes', 'hours', 'days'].every((g) => {
		const l = document.getElementById('legend-' + g);
		return l && l.textContent.length > 0;
	    }));
	const p = await problems(page);
	check('/: no console errors, exceptions or CSP violations', p.length === 0,
	    p.join('; '));
	check('/: the byte total comes from graphs.json',
	    await page.textContent('#tb') === String(data.bytes),
	    await page.textContent('#tb'));

	const canvases = await page.$$eval('#graphs canvas', (cs) =>
	    cs.map((c) => `${c.id} ${c.width}x${c.height}`));
	check('/: four 640x220 canvases', canvases.join(',') === GRAPHS.map((g) =>
	    `canvas-${g} ${W}x${H}`).join(','), canvases.join(','));
	const titles = await page.$$eval('#graphs h3', (hs) =>
	    hs.map((h) => h.textContent));
	check('/: graph titles', titles.join('|') === 'last 60 seconds (in / out)|' +
	    'last 60 minutes (in / out)|last 24 hours (in / out)|' +
	    'last 31 days (in / out)', titles.join('|'));

	for (const g of GRAPHS) {
		const want = bars(data, g);
		const c = await page.evaluate(canvasCounts, { name: g, n: want.length,
		    IN, OUT, W, H, ML, MR });
		const ci = c.bars.reduce((s, b) => s + b.i, 0);
		const co = c.bars.reduce((s, b) => s + b.o, 0);
		const wi = want.some((b) => b.i > 0), wo = want.some((b) => b.o > 0);
		check(`/: canvas-${g} is drawn (axes and labels)`, c.ink > 1000,
		    `${c.ink} pixels`);
		check(`/: canvas-${g} has bars of the in colour #1f77b4` +
		    ` as graphs.json has in traffic`, wi ? ci > 0 : ci === 0,
		    `${ci} pixels, in bytes: ${wi}`);
		check(`/: canvas-${g} has bars of the out colour #d62728` +
		    ` as graphs.json has out traffic`, wo ? co > 0 : co === 0,
		    `${co} pixels, out bytes: ${wo}`);
		// No colour where graphs.json has no traffic, and the tallest
		// bar drawn is the biggest bar of graphs.json: the order of the
		// bars (oldest first, after pos) is right.
		const stray = c.bars.map((b, i) => (b.i + b.o > 0 &&
		    want[i].i + want[i].o === 0 ? i : -1)).filter((i) => i >= 0);
		check(`/: canvas-${g}: no bar where graphs.json has none`,
		    stray.length === 0, `bars ${stray.join(',')}`);
		if (wi || wo) {
			const drawn = argmaxes(c.bars, (b) => b.i + b.o);
			const big = argmaxes(want, (b) => b.i + b.o);
			check(`/: canvas-${g}: the tallest bar is graphs.json's biggest`,
			    drawn.some((i) => big.includes(i)),
			    `drawn ${drawn.join(',')}, want ${big.join(',')}`);
			// In below, out on top, in proportion.
			const b = big[0], d = c.bars[b], w = want[b];
			const share = d.i / (d.i + d.o), wshare = w.i / (w.i + w.o);
			check(`/: canvas-${g}: the biggest bar's in and out parts are` +
			    ' in proportion to its bytes', Math.abs(share - wshare) < 0.05,
			    `in share drawn ${share.toFixed(3)}, want ${wshare.toFixed(3)}`);
		}
	}

	// The same from a screenshot, decoded here.
	const shotGraph = sums.minutes > 0 ? 'minutes' : 'hours';
	const png = await page.locator(`#canvas-${shotGraph}`).screenshot();
	save(`${shots}/graph-${shotGraph}.png`, png);
	save(`${shots}/front.png`, await page.screenshot({ fullPage: true }));
	const img = decodePng(png);
	let si = 0, so = 0, bg = 0;
	for (let y = 0; y < img.height; y++)
		for (let x = 0; x < img.width; x++) {
			const c = img.px(x, y);
			if (c.every((v, j) => Math.abs(v - IN[j]) <= 2)) si++;
			else if (c.every((v, j) => Math.abs(v - OUT[j]) <= 2)) so++;
			else if (c.every((v) => v === 255)) bg++;
		}
	check(`/: screenshot of canvas-${shotGraph} (${img.width}x${img.height})` +
	    ' has in and out bars and a white background',
	    si > 20 && so > 20 && bg > img.width * img.height / 2,
	    `in ${si}, out ${so}, white ${bg} pixels`);

	// Hovering the biggest bar names its rates in the canvas's title.
	const want = bars(data, shotGraph);
	const big = argmaxes(want, (b) => b.i + b.o)[0];
	const bw = (W - ML - MR) / want.length;
	await page.hover(`#canvas-${shotGraph}`, { position: {
	    x: ML + big * bw + bw / 2, y: H - MB - 3 } });
	const tip = await page.getAttribute(`#canvas-${shotGraph}`, 'title');
	check(`/: hovering a bar of canvas-${shotGraph} shows its rates`,
	    /^\d+(:\d\d|\/\d+): \d+(\.\d)? \S+ in, \d+(\.\d)? \S+ out$/.test(tip || '')
	    && !/^0 B\/s in, 0 B\/s out/.test(tip.replace(/^[^ ]+ /, '')), tip);

	// Units: the legend and the scale follow the select, and it is kept.
	const before = await page.textContent('#legend-minutes');
	const hash = () => page.evaluate(() => {
		const d = window.__pixels('canvas-minutes');
		let h = 0;
		for (let i = 0; i < d.length; i++)
			h = (h * 31 + d[i]) | 0;
		return h;
	});
	const h0 = await hash();
	check('/: bytes/s by default (legend in B/s)', /B\/s/.test(before) &&
	    !/ b\/s/.test(before), before);
	await page.selectOption('#units', 'bits');
	const bits = await page.textContent('#legend-minutes');
	check('/: units bits/s: the legend is in b/s', /b\/s/.test(bits) &&
	    !/B\/s/.test(bits), bits);
	check('/: units bits/s: the graph is redrawn (axis labels)',
	    await hash() !== h0);
	await page.reload();
	await page.waitForFunction(() =>
	    document.getElementById('legend-minutes')?.textContent.length > 0);
	check('/: the units choice is kept across a reload',
	    await page.inputValue('#units') === 'bits' &&
	    /b\/s/.test(await page.textContent('#legend-minutes')),
	    await page.inputValue('#units'));
	await page.selectOption('#units', 'si');
	const si_ = await page.textContent('#legend-minutes');
	check('/: units SI: the legend is in kB/s or B/s', /\b(k|M)?B\/s/.test(si_) &&
	    !/KiB|b\/s/.test(si_), si_);
	await page.selectOption('#units', 'bytes');

	// Automatic reload: graphs.json each second, no navigation.
	let fetches = 0, navs = 0;
	page.on('request', (r) => {
		if (new URL(r.url()).pathname.endsWith('/api/v1/graphs.json'))
			fetches++;
	});
	page.on('framenavigated', (f) => {
		if (f === page.mainFrame())
			navs++;
	});
	await page.evaluate(() => { window.__marker = 'kept'; });
	await page.click('#reload');
	await page.waitForTimeout(300);
	check('/: the reload button fetches graphs.json', fetches === 1,
	    `${fetches} fetches`);
	fetches = 0;
	await page.check('#autorefresh');
	await page.waitForTimeout(3200);
	const n = fetches;
	check('/: automatic reload fetches graphs.json every second',
	    n >= 2 && n <= 4, `${n} fetches in 3.2 s`);
	check('/: automatic reload does not reload the page', navs === 0 &&
	    await page.evaluate(() => window.__marker) === 'kept', `${navs} navigations`);
	await page.uncheck('#autorefresh');
	await page.waitForTimeout(300);
	fetches = 0;
	await page.waitForTimeout(1500);
	check('/: unticking stops the reload', fetches === 0, `${fetches} fetches`);
	const p2 = await problems(page);
	check('/: no console errors after using the page', p2.length === 0,
	    p2.join('; '));
	await ctx.close();
});

// ------------------------------------------------------------- hosts
const cells = (page, col) => page.$$eval('#refresh table tr', (rows, h) => {
	const head = [...rows[0].querySelectorAll('th')].map((t) =>
	    t.textContent.replace(/[\u25b2\u25bc]/g, '').trim());
	const k = head.indexOf(h);
	return rows.slice(1).map((r) => r.querySelectorAll('td')[k].textContent);
}, col);
const number = (s) => Number(s.replace(/[^0-9]/g, ''));
const monotonic = (v, up) => v.every((x, i) => i === 0 ||
    (up ? v[i - 1] <= x : v[i - 1] >= x));
const shown = async (page) => {
	const m = (await page.textContent('#refresh')).match(/\((\d+)-(\d+) of (\d+)\)/);
	return m ? { first: +m[1], last: +m[2], of: +m[3] } : null;
};

await section('/hosts/', async () => {
	const ctx = await newContext();
	const page = await newPage(ctx);
	page.setDefaultTimeout(10000);
	const api = await json('api/v1/hosts.json?sort=in&limit=100000');
	const resp = await page.goto(base + 'hosts/');
	check('/hosts/ loads (200)', resp.status() === 200, resp.status());
	await page.waitForLoadState('load');
	let p = await problems(page);
	check('/hosts/: no console errors, exceptions or CSP violations',
	    p.length === 0, p.join('; '));
	let s = await shown(page);
	let rows = await page.locator('#refresh table tr:has(td)').count();
	check('/hosts/: the table has as many rows as "(first-last of N)" says',
	    s && s.first === 1 && rows === s.last - s.first + 1,
	    `${JSON.stringify(s)}, ${rows} rows`);
	check('/hosts/: N is the number of hosts of api/v1/hosts.json',
	    s && s.of === api.hosts_total && s.of > rows,
	    `${s && s.of} vs ${api.hosts_total}`);
	save(`${shots}/hosts.png`, await page.screenshot({ fullPage: true }));

	// Sorting by a click on the In header, then the other way.
	await Promise.all([page.waitForURL(/[?&]sort=in(&|$)/),
	    page.click('#refresh th a:text-is("In")')]);
	let v = (await cells(page, 'In')).map(number);
	check('/hosts/: a click on "In" sorts by in, descending (URL ?sort=in)',
	    !/dir=asc/.test(page.url()) && v.length > 1 && monotonic(v, false) &&
	    v[0] > v[v.length - 1], v.slice(0, 8).join(' '));
	check('/hosts/: ... the busiest host of api/v1/hosts.json first',
	    v[0] === api.hosts[0].in, `${v[0]} vs ${api.hosts[0].in}`);
	check('/hosts/: ... the In header is marked descending',
	    /\u25bc/.test(await page.textContent('#refresh th:has(a:text-is("In"))')));
	await Promise.all([page.waitForURL(/dir=asc/),
	    page.click('#refresh th a:text-is("In")')]);
	v = (await cells(page, 'In')).map(number);
	check('/hosts/: a second click sorts ascending (URL dir=asc)',
	    /[?&]sort=in&dir=asc/.test(page.url()) && v.length > 1 &&
	    monotonic(v, true) && v[0] < v[v.length - 1], v.slice(0, 8).join(' '));
	check('/hosts/: ... the In header is marked ascending',
	    /\u25b2/.test(await page.textContent('#refresh th:has(a:text-is("In"))')));

	// Automatic refresh: the #refresh block is fetched again and
	// replaced, and the page stays (no navigation; a marker survives).
	let fetches = [], navs = 0;
	page.on('request', (r) => {
		if (new URL(r.url()).pathname.endsWith('/hosts/'))
			fetches.push(r);
	});
	page.on('framenavigated', (f) => {
		if (f === page.mainFrame())
			navs++;
	});
	await page.evaluate(() => {
		window.__marker = 'kept';
		document.getElementById('refresh').dataset.old = 'yes';
	});
	const t0 = Date.now();
	await page.check('#autorefresh');
	await page.waitForFunction(() =>
	    !document.getElementById('refresh').dataset.old, null,
	    { timeout: 3500 }).catch(() => {});
	const dt = Date.now() - t0;
	check('/hosts/: automatic refresh fetches the page again within 3 s',
	    fetches.length >= 1 && dt < 3500 &&
	    fetches[0].resourceType() === 'fetch',
	    `${fetches.length} requests in ${dt} ms`);
	check('/hosts/: ... and replaces the #refresh block',
	    await page.evaluate(() =>
		!document.getElementById('refresh').dataset.old));
	check('/hosts/: ... without a navigation (marker kept)',
	    navs === 0 && await page.evaluate(() => window.__marker) === 'kept' &&
	    /dir=asc/.test(page.url()), `${navs} navigations`);
	check('/hosts/: ... the fetch keeps the query (sort=in&dir=asc)',
	    fetches.length >= 1 && /sort=in&dir=asc/.test(fetches[0].url()),
	    fetches[0] && fetches[0].url());
	v = (await cells(page, 'In')).map(number);
	rows = await page.locator('#refresh table tr:has(td)').count();
	s = await shown(page);
	check('/hosts/: ... the refreshed table is still sorted ascending',
	    rows > 1 && s && rows === s.last - s.first + 1 && monotonic(v, true),
	    `${rows} rows, ${v.slice(0, 5).join(' ')}`);
	await page.uncheck('#autorefresh');
	await page.waitForTimeout(200);
	const n = fetches.length;
	await page.waitForTimeout(2500);
	check('/hosts/: unticking stops the refresh', fetches.length === n,
	    `${fetches.length - n} more requests`);

	// The filter box.
	const flt = 'host:^2607:';
	const want = (await json('api/v1/hosts.json?limit=100000&filter=' +
	    encodeURIComponent(flt))).hosts.map((h) => h.addr);
	await page.fill('input[name=filter]', flt);
	await Promise.all([page.waitForURL(/filter=/),
	    page.click('form.tools button[type=submit]')]);
	const addrs = await cells(page, 'IP');
	s = await shown(page);
	check(`/hosts/: the filter ${flt} shows only matching hosts`,
	    addrs.length > 1 && addrs.every((a) => a.startsWith('2607:')),
	    addrs.slice(0, 5).join(' '));
	check('/hosts/: ... all of them (as api/v1/hosts.json?filter=)',
	    addrs.length === want.length && s && s.of === want.length &&
	    [...addrs].sort().join() === [...want].sort().join(),
	    `${addrs.length} rows, ${JSON.stringify(s)}, api ${want.length}`);
	check('/hosts/: ... the filter box keeps the filter and the sort',
	    await page.inputValue('input[name=filter]') === flt &&
	    /sort=in/.test(page.url()) && /dir=asc/.test(page.url()), page.url());
	await page.fill('input[name=filter]', 'host:^192\\.168\\.');
	await Promise.all([page.waitForURL(/192/),
	    page.click('form.tools button[type=submit]')]);
	const one = await cells(page, 'IP');
	check('/hosts/: the filter host:^192\\.168\\. (escaped dots) shows only 192.168.*',
	    one.length >= 1 && one.every((a) => /^192\.168\./.test(a)),
	    one.join(' '));

	// Units on the table.
	await page.fill('input[name=filter]', '');
	await page.selectOption('select[name=units]', 'si');
	await Promise.all([page.waitForURL(/units=si/),
	    page.click('form.tools button[type=submit]')]);
	v = await cells(page, 'In');
	check('/hosts/: units si shows the In column in B, kB or MB',
	    v.length > 1 && v.every((x) => /^[0-9.]+ ?[kMG]?B$/.test(x.trim())),
	    v.slice(0, 5).join('|'));

	// A host's page, from its link.
	await page.goto(base + 'hosts/');
	const link = page.locator('#refresh table tr:has(td) td:first-child a').first();
	const addr = (await link.textContent()).trim();
	await Promise.all([page.waitForURL((u) => u.pathname.endsWith(`/${addr}/`)),
	    link.click()]);
	check(`/hosts/: the first host's link opens /hosts/${addr}/`,
	    new URL(page.url()).pathname.endsWith(`/hosts/${addr}/`), page.url());
	check('/hosts/ADDR/: the heading is the address',
	    (await page.textContent('h2.pageheader')).trim() === addr);
	check('/hosts/ADDR/: has the "TCP ports on this host" heading',
	    await page.locator('h3:text-is("TCP ports on this host")').count() === 1);
	check('/hosts/ADDR/: the In figure is the API\'s',
	    /In:\s*[0-9,]+/.test(await page.textContent('div.content')) &&
	    number((await page.textContent('div.content')).match(/In:\s*([0-9,]+)/)[1])
	    === api.hosts.find((h) => h.addr === addr)?.in);
	save(`${shots}/host.png`, await page.screenshot({ fullPage: true }));
	p = await problems(page);
	check('/hosts/ pages: no console errors, exceptions or CSP violations',
	    p.length === 0, p.join('; '));
	await ctx.close();
});

// ------------------------------------------------------- connections
await section('/conns/', async () => {
	const ctx = await newContext();
	const page = await newPage(ctx);
	page.setDefaultTimeout(10000);
	const resp = await page.goto(base + 'conns/');
	await page.waitForLoadState('load');
	const rows = await page.locator('#refresh table tr:has(td)').count();
	check('/conns/ loads with a table of connections', resp.status() === 200 &&
	    rows > 0, `${resp.status()}, ${rows} rows`);
	let navs = 0;
	page.on('framenavigated', (f) => {
		if (f === page.mainFrame())
			navs++;
	});
	await page.evaluate(() => {
		document.getElementById('refresh').dataset.old = 'yes';
	});
	await page.check('#autorefresh');
	const done = await page.waitForFunction(() =>
	    !document.getElementById('refresh').dataset.old, null,
	    { timeout: 3500 }).then(() => true, () => false);
	check('/conns/: automatic refresh replaces #refresh within 3 s, in place',
	    done && navs === 0 &&
	    await page.locator('#refresh table tr:has(td)').count() === rows);
	const p = await problems(page);
	check('/conns/: no console errors, exceptions or CSP violations',
	    p.length === 0, p.join('; '));
	await ctx.close();
});

await browser.close();
