// The Automations page's diagram: bpmn-js's viewer draws the deployed BPMN, and each activity of the table below
// (the page's accessible account of the same numbers) gets its running instances and incidents as badges.
(function () {
  'use strict';
  var container = document.getElementById('diagram');
  if (!container || typeof window.BpmnJS !== 'function') {
    return;
  }
  var viewer = new window.BpmnJS({ container: container });

  function badge(kind, count, label) {
    var element = document.createElement('span');
    element.className = 'flow-badge ' + kind;
    element.textContent = String(count);
    element.title = label + ': ' + count;
    return element;
  }

  fetch(container.getAttribute('data-src'), { credentials: 'same-origin' })
    .then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.text();
    })
    .then(function (xml) { return viewer.importXML(xml); })
    .then(function () {
      viewer.get('canvas').zoom('fit-viewport');
      var overlays = viewer.get('overlays');
      var registry = viewer.get('elementRegistry');
      document.querySelectorAll('#activities tr.activity').forEach(function (row) {
        var id = row.getAttribute('data-activity');
        if (!registry.get(id)) {
          return;
        }
        var running = Number(row.getAttribute('data-running'));
        var incidents = Number(row.getAttribute('data-incidents'));
        if (running > 0) {
          overlays.add(id, 'running', { position: { bottom: 12, left: -8 },
            html: badge('running', running, container.getAttribute('data-running')) });
        }
        if (incidents > 0) {
          overlays.add(id, 'incidents', { position: { bottom: 12, right: 8 },
            html: badge('incident', incidents, container.getAttribute('data-incidents')) });
        }
      });
      container.setAttribute('data-drawn', 'true');
    })
    .catch(function (error) {
      container.setAttribute('data-drawn', 'failed');
      container.textContent = String(error);
    });
})();
