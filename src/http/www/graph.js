/*
 * graph.js: the web interface's script (darkstat-tui, ISC licence).
 * Front page: four bar graphs of local traffic drawn on canvases from
 * api/v1/graphs.json, with a rate scale, time ticks, a units switch and
 * automatic reload. Other pages: automatic refresh of the #refresh block
 * without reloading the page. Settings live in localStorage.
 */
'use strict';
(function () {
	var IN = '#1f77b4', OUT = '#d62728';
	var W = 640, H = 220, ML = 78, MR = 10, MT = 10, MB = 34;
	var graphs = [
		{ name: 'seconds', title: 'last 60 seconds' },
		{ name: 'minutes', title: 'last 60 minutes' },
		{ name: 'hours', title: 'last 24 hours' },
		{ name: 'days', title: 'last 31 days' }
	];
	var last = null, timer = null;

	function pref(k, d) {
		try {
			var v = window.localStorage.getItem('darkstat-tui.' + k);
			return v === null ? d : v;
		} catch (e) {
			return d;
		}
	}

	function setPref(k, v) {
		try {
			window.localStorage.setItem('darkstat-tui.' + k, v);
		} catch (e) { /* private mode: not kept */ }
	}

	/* A rate in bytes/s in the chosen units. */
	function fmtRate(bps, units) {
		var v = bps, base = 1024, names, i = 0;
		if (units === 'bits') {
			v = bps * 8; base = 1000;
			names = ['b/s', 'kb/s', 'Mb/s', 'Gb/s', 'Tb/s'];
		} else if (units === 'si') {
			base = 1000;
			names = ['B/s', 'kB/s', 'MB/s', 'GB/s', 'TB/s'];
		} else {
			names = ['B/s', 'KiB/s', 'MiB/s', 'GiB/s', 'TiB/s'];
		}
		while (v >= base && i < names.length - 1) {
			v /= base; i++;
		}
		return (v >= 100 || i === 0 ? v.toFixed(0) : v.toFixed(1)) +
		    ' ' + names[i];
	}

	/*
	 * A round scale step in the units shown: 1, 2 or 5 times a power of
	 * ten of the largest unit (KiB, kB, kb...) below the raw step.
	 */
	function niceStep(max, ticks, units) {
		var base = units === 'bytes' ? 1024 : 1000;
		var mult = units === 'bits' ? 8 : 1;
		var raw = max * mult / ticks, u = 1, m, p;
		while (raw / u >= base)
			u *= base;
		p = Math.pow(10, Math.floor(Math.log10(raw / u)));
		m = raw / u / p;
		return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p * u / mult;
	}

	function two(n) {
		return (n < 10 ? '0' : '') + n;
	}

	function timeLabel(t, secs) {
		var d = new Date(t * 1000);
		if (secs === 1)
			return two(d.getMinutes()) + ':' + two(d.getSeconds());
		if (secs === 60)
			return two(d.getHours()) + ':' + two(d.getMinutes());
		if (secs === 3600)
			return (d.getMonth() + 1) + '/' + d.getDate() + ' ' +
			    two(d.getHours()) + 'h';
		if (secs > 86400 * 2)
			return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' +
			    two(d.getDate());
		return (d.getMonth() + 1) + '/' + d.getDate();
	}

	/* The bars of one of the live graphs, oldest first, in bytes/s. */
	function liveBars(g, data) {
		var gr = data.graphs[g.name], secs = data.bar_secs[g.name];
		var n = gr.in.length, bars = [], i, lastT = data.graphs.last || data.now;

		/* Oldest first: the bar after the current one. */
		for (i = 1; i <= n; i++) {
			var k = (gr.pos + i) % n;
			bars.push({ i: gr.in[k] / secs, o: gr.out[k] / secs,
			    t: lastT - (n - i) * secs });
		}
		return bars;
	}

	function draw(g, data, units) {
		drawBars(document.getElementById('canvas-' + g.name),
		    document.getElementById('legend-' + g.name), liveBars(g, data),
		    data.bar_secs[g.name], units);
	}

	function drawBars(cv, legendEl, bars, secs, units) {
		var n = bars.length, i, max = 0, sum = 0, min = -1;
		var ctx = cv.getContext('2d'), pw = W - ML - MR, ph = H - MT - MB;
		var bw = pw / n, step, y, every;

		for (i = 0; i < n; i++) {
			var b = bars[i];
			max = Math.max(max, b.i + b.o);
			sum += b.i + b.o;
			if (b.i + b.o > 0 && (min < 0 || b.i + b.o < min))
				min = b.i + b.o;
		}
		ctx.clearRect(0, 0, W, H);
		ctx.font = '11px sans-serif';
		ctx.fillStyle = '#000';
		step = niceStep(max > 0 ? max : 1, 4, units);
		ctx.strokeStyle = '#ddd';
		ctx.textAlign = 'right';
		ctx.textBaseline = 'middle';
		for (y = 0; y <= step * 4.0001; y += step) {
			var py = MT + ph - y / (step * 4) * ph;
			ctx.beginPath();
			ctx.moveTo(ML, py);
			ctx.lineTo(W - MR, py);
			ctx.stroke();
			ctx.fillText(fmtRate(y, units), ML - 4, py);
		}
		for (i = 0; i < n; i++) {
			var x = ML + i * bw, hi = bars[i].i / (step * 4) * ph;
			var ho = bars[i].o / (step * 4) * ph;
			ctx.fillStyle = IN;
			ctx.fillRect(x + 0.5, MT + ph - hi, Math.max(bw - 1, 1), hi);
			ctx.fillStyle = OUT;
			ctx.fillRect(x + 0.5, MT + ph - hi - ho, Math.max(bw - 1, 1), ho);
		}
		ctx.strokeStyle = '#000';
		ctx.beginPath();
		ctx.moveTo(ML, MT);
		ctx.lineTo(ML, MT + ph);
		ctx.lineTo(W - MR, MT + ph);
		ctx.stroke();
		ctx.fillStyle = '#000';
		ctx.textAlign = 'center';
		ctx.textBaseline = 'top';
		every = n === 24 ? 4 : n === 31 ? 5 : Math.max(1, Math.round(n / 6));
		for (i = n - 1; i >= 0; i -= every) {
			var tx = ML + i * bw + bw / 2;
			ctx.beginPath();
			ctx.moveTo(tx, MT + ph);
			ctx.lineTo(tx, MT + ph + 4);
			ctx.stroke();
			var label = timeLabel(bars[i].t, secs);
			var half = ctx.measureText(label).width / 2;
			/* Keep the newest label inside the canvas. */
			ctx.fillText(label, Math.min(tx, W - 2 - half), MT + ph + 6);
		}
		cv.bars = bars;
		cv.units = units;
		cv.secs = secs;
		legendEl.textContent =
		    'min ' + fmtRate(min < 0 ? 0 : min, units) + ', avg ' +
		    fmtRate(sum / n, units) + ', max ' + fmtRate(max, units);
	}

	function hover(ev) {
		var cv = ev.target, r = cv.getBoundingClientRect();
		var i = Math.floor((ev.clientX - r.left - ML) /
		    ((W - ML - MR) / (cv.bars ? cv.bars.length : 1)));
		if (!cv.bars || i < 0 || i >= cv.bars.length)
			return;
		var b = cv.bars[i];
		cv.title = timeLabel(b.t, cv.secs) + ': ' + fmtRate(b.i, cv.units) +
		    ' in, ' + fmtRate(b.o, cv.units) + ' out';
	}

	function render() {
		var units = document.getElementById('units').value;
		graphs.forEach(function (g) { draw(g, last, units); });
		document.getElementById('tb').textContent = last.bytes;
		document.getElementById('tp').textContent = last.packets;
	}

	function load(url) {
		fetch(url, { cache: 'no-store' }).then(function (r) {
			return r.json();
		}).then(function (data) {
			last = data;
			render();
		}).catch(function () { /* keep the last graphs */ });
	}

	/*
	 * A titled canvas ("TITLE (in / out)") and its legend line, appended
	 * to div; ids canvas-ID and legend-ID.
	 */
	function graphBox(div, id, title) {
		var box = document.createElement('div'), h = document.createElement('h3');
		var cv = document.createElement('canvas'), p = document.createElement('p');
		box.className = 'graph';
		h.textContent = title;
		h.innerHTML += '<span class="in">in</span> / <span class="out">out</span>)';
		cv.id = 'canvas-' + id;
		cv.width = W;
		cv.height = H;
		cv.addEventListener('mousemove', hover);
		p.className = 'legend';
		p.id = 'legend-' + id;
		box.appendChild(h);
		box.appendChild(cv);
		box.appendChild(p);
		div.appendChild(box);
		return { cv: cv, legend: p };
	}

	function setupGraphs(div) {
		var url = document.body.dataset.root + div.dataset.graphs;
		var units = document.getElementById('units');
		div.textContent = '';
		graphs.forEach(function (g) {
			graphBox(div, g.name, g.title + ' (');
		});
		units.value = pref('units', 'bytes');
		units.addEventListener('change', function () {
			setPref('units', units.value);
			if (last)
				render();
		});
		document.getElementById('reload').addEventListener('click',
		    function () { load(url); });
		load(url);
		return function () { load(url); };
	}

	/*
	 * --history: weeks to years from api/v1/history.json, for all the
	 * interfaces (front page) or one host (its page).
	 */
	var ranges = [
		{ id: 'week', title: 'last 7 days, by the hour', res: 'hour', days: 7, group: 1 },
		{ id: 'quarter', title: 'last 90 days, by the day', res: 'day', days: 90, group: 1 },
		{ id: 'years', title: 'last 3 years, by the week', res: 'day', days: 1092, group: 7 }
	];

	function historyBars(data, group) {
		var w = data.width * group, n = Math.ceil((data.to - data.from) / w);
		var bars = [], i;

		for (i = 0; i < n; i++)
			bars.push({ i: 0, o: 0, t: data.from + i * w });
		data.points.forEach(function (p) {
			var k = Math.floor((p.ts - data.from) / w);
			if (k >= 0 && k < n) {
				bars[k].i += p.bytes_in / w;
				bars[k].o += p.bytes_out / w;
			}
		});
		return bars;
	}

	function setupHistory(div) {
		var base = div.dataset.history;
		var host = div.dataset.host;
		var units = document.getElementById('units');
		var drawn = [];

		ranges.forEach(function (r) {
			var box = graphBox(div, r.id, r.title + (host ? ' (' + host +
			    ') (' : ' ('));
			var cv = box.cv, p = box.legend;
			fetch(base + '?res=' + r.res + '&days=' + r.days +
			    (host ? '&host=' + encodeURIComponent(host) : ''),
			    { cache: 'no-store' }).then(function (x) {
				return x.json();
			}).then(function (data) {
				var bars = historyBars(data, r.group);
				var redraw = function () {
					drawBars(cv, p, bars, data.width * r.group,
					    units ? units.value : pref('units', 'bytes'));
				};
				drawn.push(redraw);
				redraw();
			}).catch(function () {
				p.textContent = 'history unavailable';
			});
		});
		if (units)
			units.addEventListener('change', function () {
				drawn.forEach(function (f) { f(); });
			});
	}

	/* Replace the #refresh block with the same block of a fresh copy. */
	function refreshBlock() {
		fetch(window.location.href, { cache: 'no-store' }).then(function (r) {
			return r.text();
		}).then(function (text) {
			var doc = new DOMParser().parseFromString(text, 'text/html');
			var fresh = doc.getElementById('refresh');
			if (fresh)
				document.getElementById('refresh').replaceWith(
				    document.importNode(fresh, true));
		}).catch(function () { /* try again next time */ });
	}

	function setupRefresh(reload, period) {
		var box = document.getElementById('autorefresh');
		if (!box)
			return;
		function apply() {
			if (timer)
				clearInterval(timer);
			timer = box.checked ? setInterval(reload, period) : null;
		}
		box.checked = pref('autorefresh', '0') === '1';
		box.addEventListener('change', function () {
			setPref('autorefresh', box.checked ? '1' : '0');
			apply();
		});
		apply();
	}

	document.addEventListener('DOMContentLoaded', function () {
		var div = document.getElementById('graphs');
		var hist = document.getElementById('history');
		if (hist)
			setupHistory(hist);
		if (div)
			setupRefresh(setupGraphs(div), 1000);
		else if (document.getElementById('refresh'))
			setupRefresh(refreshBlock, 2000);
	});
}());
