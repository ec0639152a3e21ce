// loom inspect's HTML report: draws the pictures from the report's JSON (the #loom-data element)
// with Chart.js, inlined above. Text from the recording reaches the page only through textContent
// and the canvas, never as HTML. When done, <html data-charts> says "drawn", "error" or
// "unavailable" (no Chart.js), and each canvas that Chart.js drew has data-drawn="true".
(function () {
  'use strict';
  var root = document.documentElement;
  var data = JSON.parse(document.getElementById('loom-data').textContent);
  var origin = data.time_origin || 0;
  var findings = Object.create(null);
  data.findings.forEach(function (finding) { findings[finding.rule] = finding; });

  // Okabe and Ito's colours, told apart with each kind of colour blindness: class-init's orange and class-init-wait's
  // green looked the same under a deuteranopia simulation (a review), and the timeline tells causes by colour alone
  var CAUSE_COLOURS = {
    'native-frame': '#cc79a7', 'class-init': '#e69f00', 'class-init-wait': '#0072b2', 'class-loading': '#64748b',
    'monitor': '#d55e00', 'jfr': '#a8a29e', 'other': '#56b4e9'
  };
  var PALETTE = ['#2563eb', '#16a34a', '#db2777', '#0d9488', '#9333ea', '#ca8a04', '#4b5563'];
  var TIME_AXIS = 'time from the first event shown';
  /** A count's axis: from 0, whole numbers only (no 0.5 of a thread). */
  function counting() { return { beginAtZero: true, ticks: { precision: 0 } }; }

  function colour(cause, i) {
    return Object.prototype.hasOwnProperty.call(CAUSE_COLOURS, cause) ? CAUSE_COLOURS[cause] : PALETTE[i % PALETTE.length];
  }

  function seconds(nanos) {
    return (nanos - origin) / 1e9;
  }

  function round(x) {
    return x >= 100 ? Math.round(x).toLocaleString('en') : String(Math.round(x * 10) / 10);
  }

  /** A duration in the unit that suits it, its number as `number` writes it (round, unless given). */
  function duration(ms, number) {
    var write = number || round;
    if (ms < 1) {
      return write(ms * 1000) + ' \u00b5s';
    }
    return ms < 1000 ? write(ms) + ' ms' : write(ms / 1000) + ' s';
  }

  /** x to a thousandth at most, its digits grouped: 1,048.576, 10 (not 10.000000000000002). */
  function thousandths(x) {
    return x.toLocaleString('en', { maximumFractionDigits: 3 });
  }

  /**
   * A time of the x axis, in seconds from the origin, as duration writes it: 12.345 ms, 1.235 s, and whole
   * microseconds below a millisecond (two times of epoch nanoseconds read as JavaScript numbers are within 256 ns).
   */
  function time(secs) {
    return duration(secs * 1e3, function (x) { return secs < 1e-3 ? String(Math.round(x)) : thousandths(x); });
  }

  /**
   * A time axis's ticks in one unit, the one that suits the largest (microseconds, ms, s): a span of 40 microseconds
   * read 1.00000E-5 and so on, in seconds (a helper's hunt).
   */
  function timeTicks() {
    return { callback: function (value, index, ticks) {
      var most = Math.max.apply(null, ticks.map(function (t) { return Math.abs(t.value); }));
      var unit = most < 1e-3 ? [1e6, ' \u00b5s'] : most < 1 ? [1e3, ' ms'] : [1, ' s'];
      return thousandths(value * unit[0]) + unit[1];
    } };
  }

  /**
   * A bucket's edge to three figures: a doubling scale's edges are 1.024 ms, 2.048 ms, 1,048.576 ms, which rounding
   * to a tenth read as "< 1 ms", "< 2 ms", "< 1 s" while a 1.01 ms lifetime counted under them.
   */
  function edge(ms) {
    return duration(ms, function (x) {
      return thousandths(Number(x.toPrecision(3)));
    });
  }

  function natural(a, b) {
    return String(a).localeCompare(String(b), 'en', { numeric: true });
  }

  function unique(values) {
    var seen = [];
    values.forEach(function (v) { if (seen.indexOf(v) < 0) { seen.push(v); } });
    return seen;
  }

  function axis(title, extra) {
    var options = { title: { display: true, text: title } };
    Object.keys(extra || {}).forEach(function (k) { options[k] = extra[k]; });
    return options;
  }

  /**
   * A lane's label: whole where it has at most LABEL_CHARS and fits in LABEL_SHARE of the chart's width, else its
   * start and its end around an ellipsis, the end telling worker-1 from worker-11 and a name's "(2)" (the table has it
   * whole). Cut to 48 characters alone, a long name took the axis's most, half the chart, and at a 420 px window lost
   * its start past the canvas's left edge.
   */
  var LABEL_CHARS = 48;
  var LABEL_SHARE = 0.4;
  function around(chars, kept) { // kept code points of chars: the first 60%, an ellipsis, the rest from the end
    var head = Math.ceil(kept * 0.6);
    return chars.slice(0, head).join('') + '\u2026' + chars.slice(chars.length - (kept - head)).join('');
  }

  /** text, or as much of its start and end as fits in room px in font and has at most most code points. */
  function fit(ctx, font, text, room, most) {
    var chars = Array.from(String(text)); // code points: no half of a pair
    ctx.save();
    ctx.font = Chart.helpers.toFont(font).string;
    function fits(line) { return ctx.measureText(line).width <= room; }
    var line = chars.join('');
    if (chars.length > most || !fits(line)) {
      var low = 1;
      var high = Math.min(chars.length, most) - 1;
      while (low < high) { // the most code points kept that fit
        var middle = Math.ceil((low + high) / 2);
        if (fits(around(chars, middle))) {
          low = middle;
        } else {
          high = middle - 1;
        }
      }
      line = around(chars, low);
    }
    ctx.restore();
    return line;
  }

  /**
   * The lanes' labels as fit cuts them; but where two names cut alike (HttpClient-1-Worker-# and HttpClient-2-Worker-#
   * read HttpClient-\u2026orker-# at a 400 px window, three lanes of one label: a review), each from a little before
   * where it differs from the others: an ellipsis, then that part as fit cuts it.
   */
  function laneLabels(ctx, font, names, room) {
    var lines = names.map(function (name) { return fit(ctx, font, name, room, LABEL_CHARS); });
    return lines.map(function (line, i) {
      var chars = Array.from(String(names[i]));
      var same = 0; // the longest start this name shares with another that is cut alike
      lines.forEach(function (other, j) {
        if (j === i || other !== line || String(names[j]) === String(names[i])) {
          return;
        }
        var them = Array.from(String(names[j]));
        var k = 0;
        while (k < chars.length && k < them.length && chars[k] === them[k]) {
          k++;
        }
        same = Math.max(same, k);
      });
      if (same === 0) {
        return line;
      }
      var from = Math.max(0, same - 4);
      return '\u2026' + fit(ctx, font, chars.slice(from).join(''), room - ctx.measureText('\u2026').width, LABEL_CHARS - 1);
    });
  }

  function laneTicks() {
    var memo = { key: null, lines: [] };
    return { autoSkip: false, callback: function (value) {
      var room = this.chart.width * LABEL_SHARE;
      var font = this.options.ticks.font;
      var key = room + ' ' + Chart.helpers.toFont(font).string;
      if (memo.key !== key) {
        var names = this.getLabels();
        this.ctx.save();
        this.ctx.font = Chart.helpers.toFont(font).string;
        memo = { key: key, lines: laneLabels(this.ctx, font, names, room) };
        this.ctx.restore();
      }
      return memo.lines[value];
    } };
  }

  /**
   * A tooltip's lines, each cut to the chart's width (less the tooltip's padding and colour box): a line with a name of
   * 3,000 characters ran off the canvas with the numbers after it. The name first goes to a line of its own.
   */
  function tooltipLines(lines) {
    return function (context) {
      var chart = context.chart;
      var font = this.options.bodyFont;
      return lines(context).map(function (line) { return fit(chart.ctx, font, line, chart.width - 40, Infinity); });
    };
  }

  /** Lanes (carriers, threads) with a floating bar per interval [from, to] in seconds. */
  function lanes(canvas, laneNames, datasets, tooltip) {
    return new Chart(canvas, {
      type: 'bar',
      data: { labels: laneNames, datasets: datasets },
      options: {
        indexAxis: 'y',
        scales: { x: axis(TIME_AXIS, { type: 'linear', ticks: timeTicks() }),
          y: { type: 'category', labels: laneNames, ticks: laneTicks() } },
        plugins: { legend: { display: datasets.length > 1 }, tooltip: { callbacks: { title: function () { return ''; }, label: tooltipLines(tooltip) } } }
      }
    });
  }

  /**
   * The shortest bar drawn, in px, of a value not 0: a pin of a few microseconds, 1 pin beside 2,848. A bar from the
   * axis loses half a pixel to its line: 3 px left 2.5 to see.
   */
  var MIN_BAR = 4;

  function bars(range, i, name, colours, rows) {
    return {
      label: name, data: rows, backgroundColor: colours, borderWidth: 0, grouped: false,
      // a pin of a few microseconds still shows; a pool blocked 0% of its time does not
      minBarLength: range ? MIN_BAR : 0, barPercentage: range ? 0.75 : 0.8, categoryPercentage: 1
    };
  }

  /** A log axis's tick: 1, 10, 100, ... and nothing between. */
  function powerOfTen(value) {
    var exponent = Math.log10(value);
    return value >= 1 && Math.abs(exponent - Math.round(exponent)) < 1e-9 ? Math.round(value).toLocaleString('en') : '';
  }

  /**
   * Histogram buckets ({up_to_ms, count}, doubling, the empty ones between included) as bars; a log
   * scale when the non-empty counts differ by 100 or more.
   */
  function histogram(canvas, buckets, xTitle, yTitle, colourOf) {
    var counts = buckets.map(function (b) { return b.count; });
    var filled = counts.filter(function (c) { return c > 0; });
    var spread = Math.max.apply(null, filled) / Math.max(1, Math.min.apply(null, filled));
    return new Chart(canvas, {
      type: 'bar',
      data: {
        labels: buckets.map(function (b) { return '< ' + edge(b.up_to_ms); }), // the upper edge is the next bucket's
        datasets: [{ label: yTitle, data: counts, backgroundColor: colourOf, borderWidth: 0 }]
      },
      options: {
        scales: { x: axis(xTitle), y: spread >= 100
          ? axis(yTitle + ' (log scale)', { type: 'logarithmic', min: 0.5, ticks: { callback: powerOfTen } })
          : axis(yTitle, counting()) },
        plugins: { legend: { display: false } }
      }
    });
  }

  // the code's pins, and the slow first uses the rule warns of, in full colour; the rest (set apart) faded, and
  // named so: a cause can have a row of each
  function warned(r) { return r.warned === undefined ? r.origin === 'code' : r.warned; }
  function faded(hex, r) { return warned(r) ? hex : hex + '99'; }

  function byCause(canvas, finding, value, title, isCount) {
    var rows = finding.details.by_cause;
    var labels = rows.map(function (r) { // two lines: one, on a half-width figure, lost its start
      return r.origin === 'code' ? r.cause : [r.cause, '(' + r.origin + (warned(r) ? ', slow' : ', set apart') + ')'];
    });
    return new Chart(canvas, {
      type: 'bar',
      data: {
        labels: labels,
        // a count of 1 or 2 beside 2,848 had no bar to see (a helper's hunt): each is MIN_BAR px at least, and a 0 has
        // none (Chart.js draws a 0 MIN_BAR long, across the axis)
        datasets: [{ label: title, data: rows.map(function (r) { return value(r) || null; }), borderWidth: 0,
          minBarLength: MIN_BAR,
          backgroundColor: rows.map(function (r, i) { return faded(colour(r.cause, i), r); }) }]
      },
      options: {
        indexAxis: 'y',
        scales: { x: axis(title, isCount ? counting() : { beginAtZero: true }), y: { ticks: { autoSkip: false } } },
        plugins: { legend: { display: false } }
      }
    });
  }

  var CHARTS = {
    'pin-timeline': function (canvas, finding) {
      var pins = finding.details.timeline;
      var carriers = unique(pins.map(function (p) { return p.carrier; })).sort(natural);
      var causes = unique(finding.details.by_cause.map(function (r) { return r.cause; }).concat(pins.map(function (p) { return p.cause; })));
      var datasets = causes.map(function (cause, i) {
        var rows = pins.filter(function (p) { return p.cause === cause; }).map(function (p) {
          var from = seconds(p.time);
          return { x: [from, from + p.duration_ms / 1000], y: p.carrier, pin: p };
        });
        return bars(true, i, cause, rows.map(function (row) { return faded(colour(cause, i), row.pin); }), rows);
      }).filter(function (d) { return d.data.length > 0; });
      return lanes(canvas, carriers, datasets, function (context) {
        var p = context.raw.pin;
        return [p.cause + ' (' + p.origin + (warned(p) ? '' : ', set apart') + '): ' + duration(p.duration_ms) + ' at +'
            + time(seconds(p.time)),
          'carrier ' + p.carrier, 'thread ' + p.thread, p.frame];
      });
    },
    'pins-by-cause': function (canvas, finding) {
      return byCause(canvas, finding, function (r) { return r.count; }, 'pins', true);
    },
    'pinned-by-cause': function (canvas, finding) {
      return byCause(canvas, finding, function (r) { return r.total_ms; }, 'pinned ms', false);
    },
    'alive': function (canvas, finding) {
      // where the summary says "at least", so does the axis (a helper's hunt): a thread no event names is not counted
      var atLeast = (finding.details.ended_without_start || 0) + (finding.details.alive_throughout || 0) > 0;
      var points = finding.details.alive_over_time.map(function (p) { return { x: seconds(p.time), y: p.alive }; });
      return new Chart(canvas, {
        type: 'line',
        data: { datasets: [{ label: 'alive', data: points, borderColor: '#2563eb', backgroundColor: 'rgba(37, 99, 235, 0.15)',
          fill: 'origin', pointRadius: points.length > 60 ? 0 : 2, borderWidth: 1.5,
          // a point is the end of its slice and the most alive within it: from the point before to this one the line
          // holds this one's value, which Chart.js 4 calls 'after' (it draws the rise at the earlier point)
          stepped: 'after' }] },
        options: {
          scales: { x: axis(TIME_AXIS, { type: 'linear', ticks: timeTicks() }),
            y: axis('virtual threads alive' + (atLeast ? ' (at least)' : ''), counting()) },
          // the point's time with its unit, where it was the bare number of seconds (0.00001)
          plugins: { legend: { display: false },
            tooltip: { callbacks: { title: function (items) { return '+' + time(items[0].parsed.x); } } } }
        }
      });
    },
    'lifetimes': function (canvas, finding) {
      var cut = finding.details.lifetimes_cut_at_edges || 0; // alive at the recording's start or end: part of a life
      return histogram(canvas, finding.details.lifetimes, cut > 0
        ? 'lifetime (at least, for the ' + cut.toLocaleString('en') + ' cut at the recording\u2019s edges)'
        : 'lifetime', 'virtual threads', '#2563eb');
    },
    'queueing': function (canvas, finding) {
      return histogram(canvas, finding.details.histogram, 'wait from submission to start', 'tasks', '#d97706');
    },
    'wakeups': function (canvas, finding) {
      return histogram(canvas, finding.details.histogram, 'delay after the time asked', 'sleeps', '#7c3aed');
    },
    'hogging': function (canvas, finding) {
      var threads = finding.details.threads;
      var seen = Object.create(null);
      var names = threads.map(function (t) { // a lane each, also for threads of the same name
        seen[t.thread] = (seen[t.thread] || 0) + 1;
        return seen[t.thread] > 1 ? t.thread + ' (' + seen[t.thread] + ')' : t.thread;
      });
      var rows = threads.map(function (t, i) {
        var from = seconds(t.start);
        return { x: [from, from + t.longest_run_ms / 1000], y: names[i], run: t };
      });
      return lanes(canvas, names, [bars(true, 0, 'longest stretch holding its carrier', '#c2410c', rows)], function (context) {
        var t = context.raw.run;
        return [duration(t.longest_run_ms) + ' from +' + time(seconds(t.start)), 'thread ' + t.thread, 'mostly at ' + t.top_frame];
      });
    },
    'pools': function (canvas, finding) {
      var candidates = finding.details.candidates || [];
      var locked = finding.details.waiting_for_locks || [];
      var others = finding.details.other_pools || [];
      var all = candidates.concat(locked, others);
      var names = all.map(function (p) { return p.pool; });
      function rows(pools, share) {
        return pools.map(function (p) { return { x: Math.round(share(p) * 100), y: p.pool, pool: p }; });
      }
      function blocked(p) { return p.blocked_share; }
      // a wait to take a lock is not counted as blocked (a virtual thread waits for the lock as long): drawn after the
      // blocked share, in a colour of its own; a pool given without lock_wait_share has no such wait to draw
      function waitingForALock(p) { return p.lock_wait_share || 0; }
      // a park or a monitor's wait recorded with no stack may have been idle: drawn after the lock's wait, not counted
      function noStackShare(p) {
        return p.no_stack_wait_ms && p.alive_ms ? Math.min(1, p.no_stack_wait_ms / p.alive_ms) : 0;
      }
      // a colour each: the pools short of a candidate but for lock waits were grey as the others (a helper's hunt)
      var datasets = [bars(false, 0, 'blocked, a candidate: move to virtual threads', '#c2410c', rows(candidates, blocked)),
        bars(false, 0, 'blocked, no candidate: half its time only with lock waits', '#e69f00', rows(locked, blocked)),
        bars(false, 0, 'blocked, other pools', '#94a3b8', rows(others, blocked)),
        bars(false, 0, 'waiting to take a lock (not counted)', '#7c3aed',
          rows(all.filter(function (p) { return waitingForALock(p) > 0; }), waitingForALock)),
        bars(false, 0, 'waiting with no stack recorded (not counted)', '#cbd5e1',
          rows(all.filter(function (p) { return noStackShare(p) > 0; }), noStackShare))]
        .filter(function (d) { return d.data.length > 0; });
      return new Chart(canvas, {
        type: 'bar',
        data: { labels: names, datasets: datasets },
        options: {
          indexAxis: 'y',
          scales: {
            x: axis('share of the threads\u2019 time blocked, then waiting for a lock'
              + (all.some(function (p) { return noStackShare(p) > 0; }) ? ', then with no stack' : '') + ' (%)',
              { min: 0, max: 100, stacked: true }),
            y: { type: 'category', labels: names, ticks: laneTicks(), stacked: true } },
          // no title: it was the whole pool name, on a line of its own as wide as the name
          plugins: { tooltip: { callbacks: { title: function () { return ''; }, label: tooltipLines(function (context) {
            var p = context.raw.pool;
            var lock = waitingForALock(p) > 0
              ? ', waiting for a lock ' + Math.round(p.lock_wait_share * 100) + '% (' + duration(p.lock_wait_ms) + ')'
              : '';
            var noStackWait = noStackShare(p) > 0
              ? ', with no stack ' + Math.round(noStackShare(p) * 100) + '% (' + duration(p.no_stack_wait_ms) + ')'
              : '';
            // where the pool waited longest (waited_in is longest first), on a line of its own: a class's name
            var waited = p.waited_in ? Object.keys(p.waited_in) : [];
            var longest = waited.length > 0
              ? ['longest in ' + waited[0] + ' (' + duration(p.waited_in[waited[0]]) + ')']
              : [];
            return [p.threads + (p.threads === 1 ? ' thread' : ' threads') + ', blocked '
              + Math.round(p.blocked_share * 100) + '% (' + duration(p.blocked_ms) + ')' + lock + noStackWait]
              .concat(longest, ['pool ' + p.pool]);
          }) } } }
        }
      });
    }
  };

  function note(canvas, text) {
    var p = document.createElement('p');
    p.className = 'chart-failed';
    p.textContent = text;
    canvas.parentNode.parentNode.appendChild(p);
  }

  var canvases = Array.prototype.slice.call(document.querySelectorAll('canvas[data-chart]'));
  if (typeof Chart === 'undefined') {
    canvases.forEach(function (canvas) { note(canvas, 'No chart: Chart.js is not in this page (see the footer).'); });
    root.setAttribute('data-charts', 'unavailable');
    return;
  }
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
  Chart.register({ id: 'loomDrawn', afterDraw: function (chart) { chart.canvas.setAttribute('data-drawn', 'true'); } });
  canvases.forEach(function (canvas) {
    var draw = CHARTS[canvas.getAttribute('data-chart')];
    var finding = findings[canvas.getAttribute('data-rule')];
    try {
      if (!draw || !finding) {
        throw new Error('no chart ' + canvas.getAttribute('data-chart'));
      }
      draw(canvas, finding);
    } catch (e) {
      window.loomErrors.push(String(e && e.message || e));
      note(canvas, 'This chart could not be drawn: ' + (e && e.message || e));
    }
  });
  // after this task: every chart has drawn once, and an error thrown meanwhile is in loomErrors
  setTimeout(function () {
    var drawn = canvases.filter(function (c) { return c.getAttribute('data-drawn') === 'true'; }).length;
    root.setAttribute('data-charts-drawn', String(drawn));
    if (window.loomErrors.length > 0 || drawn < canvases.length) {
      var shown = document.getElementById('chart-errors');
      shown.hidden = false;
      shown.textContent = 'Charts drawn: ' + drawn + ' of ' + canvases.length + '. ' + window.loomErrors.join('; ');
      root.setAttribute('data-charts', 'error');
    } else {
      root.setAttribute('data-charts', 'drawn');
    }
  }, 0);
}());
