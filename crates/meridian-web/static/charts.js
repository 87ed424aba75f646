/* Meridian charts: draws every element with a data-chart attribute with the vendored
 * Apache ECharts (SVG renderer). The attribute names a <script type="application/json">
 * element holding the chart, e.g.
 *
 *   <div class="chart" data-chart="c-years" data-chart-error="…"></div>
 *   <script type="application/json" id="c-years">{"type":"bar", …}</script>
 *
 * Shapes (see static/vendor/README.md for the full description):
 *   map   {"type":"map","title","unit","series":[{"code","name","value","url"}],"labels":{"nodata"}}
 *   bar   {"type":"bar","title","unit","categories":[…],"series":[{"name","values":[…]}],
 *          "targets":[{"name","value"}],"stack":false,"horizontal":false}
 *   line  same as bar with "type":"line"
 *   graph {"type":"graph","title","nodes":[{"id","name","category","value","url"}],
 *          "links":[{"source","target","value"}],"categories":[{"name"}]}
 *
 * A chart that cannot be drawn shows a short message instead (data-chart-error, else an
 * English default); pages always print the same figures as a table next to the chart.
 * No inline script or style is used, so the page's CSP (script-src 'self';
 * style-src 'self') holds; tooltips are built without style attributes.
 */
(function () {
  'use strict';

  var WORLD_URL = '/static/vendor/world.geo.json';
  var BLUES = ['#deebf7', '#9ecae1', '#4292c6', '#08519c', '#08306b'];
  var TARGET_COLOR = '#c2410c';
  var NO_DATA_COLOR = '#eceff1';
  var charts = [];
  var world = null; // the promise of the world GeoJSON, fetched once

  function lang() {
    return (document.documentElement.getAttribute('lang') || 'en').toLowerCase();
  }

  function escapeHtml(text) {
    return String(text == null ? '' : text)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;');
  }

  function formatNumber(value) {
    if (typeof value !== 'number' || !isFinite(value)) return '–';
    try {
      return value.toLocaleString(lang());
    } catch (e) {
      return String(value);
    }
  }

  function withUnit(value, unit) {
    return formatNumber(value) + (unit ? ' ' + unit : '');
  }

  /* Only links inside the application: never javascript: or another site. */
  function safeUrl(url) {
    return typeof url === 'string' && url.charAt(0) === '/' && url.charAt(1) !== '/' &&
      url.charAt(1) !== '\\' ? url : null;
  }

  function navigate(url) {
    var target = safeUrl(url);
    if (target) window.location.assign(target);
  }

  function fail(el, reason) {
    var message = el.getAttribute('data-chart-error') || 'This chart could not be drawn.';
    var p = document.createElement('p');
    p.className = 'chart-error';
    p.textContent = message + (reason ? ' (' + reason + ')' : '');
    while (el.firstChild) el.removeChild(el.firstChild);
    el.classList.add('chart-failed');
    el.appendChild(p);
  }

  function numbers(list) {
    return (Array.isArray(list) ? list : []).map(function (v) {
      return typeof v === 'number' && isFinite(v) ? v : null;
    });
  }

  function title(spec) {
    return spec.title ? { text: String(spec.title), left: 'center', top: 0 } : undefined;
  }

  function top(spec, withLegend) {
    return (spec.title ? 36 : 12) + (withLegend ? 28 : 0);
  }

  /* ---- map ------------------------------------------------------------------------- */

  function loadWorld() {
    if (!world) {
      world = fetch(WORLD_URL, { credentials: 'same-origin' }).then(function (response) {
        if (!response.ok) throw new Error(WORLD_URL + ': HTTP ' + response.status);
        return response.json();
      }).then(function (geojson) {
        if (!geojson || !Array.isArray(geojson.features)) {
          throw new Error(WORLD_URL + ': not a FeatureCollection');
        }
        var names = {};
        geojson.features.forEach(function (f) {
          var p = f.properties || {};
          if (p.code) names[p.code] = p.name || p.code;
        });
        // Antarctica takes a fifth of the height and never has data: a second map
        // without it is used unless a chart has a value for AQ.
        window.echarts.registerMap('meridian-world', { geoJSON: geojson });
        window.echarts.registerMap('meridian-world-no-aq', {
          geoJSON: {
            type: 'FeatureCollection',
            features: geojson.features.filter(function (f) {
              return !(f.properties && f.properties.code === 'AQ');
            })
          }
        });
        return names;
      });
    }
    return world;
  }

  function mapOption(spec, geoNames) {
    var unit = spec.unit || '';
    var labels = spec.labels || {};
    var rows = (Array.isArray(spec.series) ? spec.series : []).filter(function (row) {
      return row && typeof row.code === 'string';
    });
    var data = rows.map(function (row) {
      return {
        name: row.code,
        value: typeof row.value === 'number' ? row.value : null,
        localName: row.name || geoNames[row.code] || row.code,
        url: safeUrl(row.url)
      };
    });
    var max = data.reduce(function (m, d) {
      return d.value != null && d.value > m ? d.value : m;
    }, 0);
    var hasAq = data.some(function (d) { return d.name === 'AQ'; });
    return {
      title: title(spec),
      tooltip: {
        confine: true, // also: no arrow, whose markup would carry a style attribute
        trigger: 'item',
        formatter: function (p) {
          var d = p.data;
          var name = d && d.localName ? d.localName : (geoNames[p.name] || p.name);
          var value = d && d.value != null ? withUnit(d.value, unit) : (labels.nodata || 'No data');
          return escapeHtml(name) + '<br>' + escapeHtml(value);
        }
      },
      visualMap: {
        type: 'continuous',
        min: 0,
        max: max > 0 ? max : 1,
        left: 8,
        bottom: 8,
        text: [formatNumber(max) + (unit ? ' ' + unit : ''), '0'],
        calculable: false,
        inRange: { color: BLUES },
        seriesIndex: 0
      },
      series: [{
        type: 'map',
        map: hasAq ? 'meridian-world' : 'meridian-world-no-aq',
        nameProperty: 'code',
        roam: true,
        scaleLimit: { min: 1, max: 20 },
        top: top(spec, false),
        bottom: 8,
        selectedMode: false,
        itemStyle: { areaColor: NO_DATA_COLOR, borderColor: '#90a4ae', borderWidth: 0.4 },
        emphasis: {
          label: { show: false },
          itemStyle: { areaColor: '#fdd835', borderColor: '#455a64', borderWidth: 0.8 }
        },
        data: data
      }]
    };
  }

  /* ---- bar and line ------------------------------------------------------------------ */

  function cartesianOption(spec) {
    var type = spec.type;
    var unit = spec.unit || '';
    var horizontal = spec.horizontal === true;
    var categories = (Array.isArray(spec.categories) ? spec.categories : []).map(String);
    var series = (Array.isArray(spec.series) ? spec.series : []).filter(Boolean);
    var targets = (Array.isArray(spec.targets) ? spec.targets : []).filter(function (t) {
      return t && typeof t.value === 'number' && isFinite(t.value);
    });
    var highestTarget = targets.reduce(function (m, t) { return Math.max(m, t.value); }, -Infinity);
    var legend = series.length > 1;

    var categoryAxis = {
      type: 'category',
      data: categories,
      inverse: horizontal, // first category on top when the bars lie down
      axisTick: { alignWithLabel: true },
      axisLabel: horizontal ? { width: 180, overflow: 'break' } : { hideOverlap: true }
    };
    var valueAxis = {
      type: 'value',
      name: unit || undefined,
      // Make room for a target above every bar, so its line is never off the chart.
      max: targets.length ? function (extent) { return Math.max(extent.max, highestTarget); } : null
    };

    var markLine = targets.length ? {
      symbol: 'none',
      silent: true,
      animation: false,
      lineStyle: { type: 'dashed', color: TARGET_COLOR, width: 1.5 },
      label: {
        position: 'insideEndTop',
        color: TARGET_COLOR,
        formatter: function (p) { return p.name + ': ' + withUnit(p.value, unit); }
      },
      data: targets.map(function (t) {
        var line = { name: String(t.name || '') };
        line[horizontal ? 'xAxis' : 'yAxis'] = t.value;
        return line;
      })
    } : undefined;

    return {
      title: title(spec),
      legend: legend ? { top: spec.title ? 28 : 0, type: 'scroll' } : undefined,
      tooltip: {
        confine: true, // also: no arrow, whose markup would carry a style attribute
        trigger: 'axis',
        axisPointer: { type: type === 'bar' ? 'shadow' : 'line' },
        formatter: function (params) {
          var list = Array.isArray(params) ? params : [params];
          if (!list.length) return '';
          var lines = [escapeHtml(list[0].name)];
          list.forEach(function (p) {
            var value = Array.isArray(p.value) ? p.value[horizontal ? 0 : 1] : p.value;
            lines.push((legend ? escapeHtml(p.seriesName) + ': ' : '') +
              escapeHtml(withUnit(value, unit)));
          });
          return lines.join('<br>');
        }
      },
      grid: { top: top(spec, legend) + (unit && !horizontal ? 16 : 0), left: 12, right: 24, bottom: 12 },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series: series.map(function (s, i) {
        return {
          type: type,
          name: String(s.name || ''),
          data: numbers(s.values),
          stack: spec.stack === true ? 'total' : undefined,
          barMaxWidth: 48,
          emphasis: { focus: 'series' },
          markLine: i === 0 ? markLine : undefined
        };
      })
    };
  }

  /* ---- graph (partner network) ------------------------------------------------------- */

  function graphOption(spec) {
    var nodes = (Array.isArray(spec.nodes) ? spec.nodes : []).filter(function (n) {
      return n && n.id != null;
    });
    var known = {};
    nodes.forEach(function (n) { known[String(n.id)] = true; });
    var links = (Array.isArray(spec.links) ? spec.links : []).filter(function (l) {
      return l && known[String(l.source)] && known[String(l.target)];
    });
    var categories = (Array.isArray(spec.categories) ? spec.categories : []).map(function (c) {
      return { name: String((c && c.name) || '') };
    });
    var roots = nodes.map(function (n) {
      return Math.sqrt(typeof n.value === 'number' && n.value > 0 ? n.value : 0);
    });
    var low = Math.min.apply(null, roots.concat([Infinity]));
    var high = Math.max.apply(null, roots.concat([-Infinity]));
    function size(i) {
      if (!(high > low)) return nodes.length ? 16 : 8;
      return 8 + (roots[i] - low) / (high - low) * 32;
    }
    var categoryName = function (i) {
      return typeof i === 'number' && categories[i] ? categories[i].name : '';
    };
    var nameOf = {};
    nodes.forEach(function (n) { nameOf[String(n.id)] = String(n.name || n.id); });

    return {
      title: title(spec),
      legend: categories.length ? {
        top: spec.title ? 28 : 0,
        type: 'scroll',
        data: categories.map(function (c) { return c.name; })
      } : undefined,
      tooltip: {
        confine: true, // also: no arrow, whose markup would carry a style attribute
        trigger: 'item',
        formatter: function (p) {
          if (p.dataType === 'edge') {
            var v = p.data.value;
            return escapeHtml(nameOf[p.data.source] + ' — ' + nameOf[p.data.target]) +
              (typeof v === 'number' ? '<br>' + escapeHtml(formatNumber(v)) : '');
          }
          var d = p.data || {};
          var lines = [escapeHtml(d.name)];
          var category = categoryName(d.category);
          if (category) lines.push(escapeHtml(category));
          if (typeof d.value === 'number') lines.push(escapeHtml(formatNumber(d.value)));
          return lines.join('<br>');
        }
      },
      series: [{
        type: 'graph',
        layout: 'force',
        roam: true,
        draggable: true,
        top: top(spec, categories.length > 0),
        bottom: 12,
        categories: categories,
        data: nodes.map(function (n, i) {
          return {
            id: String(n.id),
            name: String(n.name || n.id),
            value: typeof n.value === 'number' ? n.value : undefined,
            category: typeof n.category === 'number' ? n.category : undefined,
            symbolSize: size(i),
            url: safeUrl(n.url)
          };
        }),
        links: links.map(function (l) {
          var v = typeof l.value === 'number' ? l.value : 1;
          return {
            source: String(l.source),
            target: String(l.target),
            value: v,
            lineStyle: { width: Math.min(6, 0.8 + Math.sqrt(Math.max(v, 0))) }
          };
        }),
        // Few nodes spread out; many stay within the frame.
        force: {
          repulsion: nodes.length > 60 ? 80 : 260,
          edgeLength: nodes.length > 60 ? [20, 80] : [60, 160],
          gravity: 0.1,
          friction: 0.2
        },
        label: { show: true, position: 'right', formatter: '{b}' },
        labelLayout: { hideOverlap: true },
        lineStyle: { color: 'source', opacity: 0.6, curveness: 0.08 },
        emphasis: { focus: 'adjacency', label: { show: true } }
      }]
    };
  }

  /* ---- drawing ----------------------------------------------------------------------- */

  function draw(el, option, onClick) {
    var chart = window.echarts.init(el, null, {
      renderer: 'svg',
      locale: lang().indexOf('zh') === 0 ? 'ZH' : 'EN'
    });
    chart.setOption(option);
    if (onClick) chart.on('click', onClick);
    charts.push(chart);
  }

  function render(el) {
    var source = document.getElementById(el.getAttribute('data-chart'));
    if (!source) return fail(el, 'no chart data');
    var spec;
    try {
      spec = JSON.parse(source.textContent);
    } catch (e) {
      return fail(el, 'malformed chart data');
    }
    if (!spec || typeof spec !== 'object') return fail(el, 'malformed chart data');
    if (!window.echarts) return fail(el, 'chart library missing');

    if (spec.type === 'map') {
      el.classList.add('map');
      loadWorld().then(function (names) {
        draw(el, mapOption(spec, names), function (p) {
          if (p.data && p.data.url) navigate(p.data.url);
        });
      }).catch(function (e) {
        fail(el, e && e.message ? e.message : 'map unavailable');
      });
    } else if (spec.type === 'bar' || spec.type === 'line') {
      draw(el, cartesianOption(spec));
    } else if (spec.type === 'graph') {
      el.classList.add('graph');
      draw(el, graphOption(spec), function (p) {
        if (p.dataType === 'node' && p.data && p.data.url) navigate(p.data.url);
      });
    } else {
      fail(el, 'unknown chart type');
    }
  }

  function renderAll() {
    var elements = document.querySelectorAll('[data-chart]');
    Array.prototype.forEach.call(elements, function (el) {
      try {
        render(el);
      } catch (e) {
        fail(el, e && e.message ? e.message : String(e));
      }
    });
  }

  // Follow the window's size, at most every 100 ms while it is being dragged.
  var pending = null;
  window.addEventListener('resize', function () {
    if (pending) return;
    pending = window.setTimeout(function () {
      pending = null;
      charts.forEach(function (chart) {
        if (!chart.isDisposed()) chart.resize();
      });
    }, 100);
  });

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', renderAll);
  } else {
    renderAll();
  }
}());
