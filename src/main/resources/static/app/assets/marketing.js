/* Consentflow console, marketing screens: draws the charts whose data the server put into data-chart (Chart.js),
   again after htmx swapped a part of the page, and copies an embed snippet. No inline script (the CSP forbids it). */
(function () {
  'use strict';
  // Growth green, churn and bounces red, the rest the console's own colours.
  var COLOURS = {joined: '#1d6b35', left: '#a3191f', opens: '#0b5cad', clicks: '#1d6b35', unsubscribes: '#8a5a00',
    bounces: '#a3191f'};

  function draw(root) {
    if (typeof Chart === 'undefined') {
      return;
    }
    root.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      if (canvas.dataset.drawn) {
        return;
      }
      canvas.dataset.drawn = 'yes';
      var data = JSON.parse(canvas.dataset.chart);
      var names = Object.keys(data.series);
      var horizontal = canvas.dataset.axis === 'y';
      new Chart(canvas, {
        type: canvas.dataset.type || 'line',
        data: {
          labels: data.labels,
          datasets: names.map(function (name) {
            var label = canvas.getAttribute('data-name-' + name) || name;
            return {label: label, data: data.series[name], borderColor: COLOURS[name] || '#0b5cad',
              backgroundColor: COLOURS[name] || '#0b5cad', tension: 0.2};
          })
        },
        options: {indexAxis: horizontal ? 'y' : 'x', animation: false, responsive: true, maintainAspectRatio: false,
          scales: horizontal ? {x: {beginAtZero: true, ticks: {precision: 0}}}
                             : {y: {beginAtZero: true, ticks: {precision: 0}}}}
      });
    });
  }

  function copy(button) {
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source) {
      return;
    }
    var done = function () {
      var status = document.getElementById(button.getAttribute('data-copied'));
      if (status) {
        status.textContent = status.getAttribute('data-text');
      }
    };
    if (navigator.clipboard) {
      navigator.clipboard.writeText(source.value).then(done, function () {
        source.select();
      });
    } else {
      source.select();
      document.execCommand('copy');
      done();
    }
  }

  document.addEventListener('DOMContentLoaded', function () {
    draw(document);
    document.querySelectorAll('button[data-copy]').forEach(function (button) {
      button.hidden = false;
      button.addEventListener('click', function () {
        copy(button);
      });
    });
  });
  document.addEventListener('htmx:afterSettle', function (event) {
    draw(event.target);
  });
})();
