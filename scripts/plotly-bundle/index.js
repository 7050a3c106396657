'use strict';
// Plan Atlas bundle of plotly.js: only the trace types the site's charts use.
var Plotly = require('plotly.js/lib/core');
Plotly.register([require('plotly.js/lib/bar'), require('plotly.js/lib/heatmap')]);
module.exports = Plotly;
