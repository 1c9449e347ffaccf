// The camera wall: a player per tile (HlsGatewayPlayer from player.js), started while the tile is on screen and
// destroyed when it scrolls away or the page closes, so the gateway's idle stop ends each FFmpeg nobody watches.
// A click on a tile's picture shows that channel full screen (its player page where full screen is missing).
(function () {
  var tiles = Array.prototype.slice.call(document.querySelectorAll('.wall-tile'));
  function fullScreen(tile, video) {
    var full = video.requestFullscreen || video.webkitRequestFullscreen || video.webkitEnterFullscreen;
    if (full) { full.call(video); } else { window.location.href = tile.getAttribute('data-watch'); }
  }
  function start(tile) {
    if (tile.player) { return; }
    var old = tile.querySelector('video');
    var video = old.cloneNode(false); // a fresh element: no listeners of an earlier player
    old.parentNode.replaceChild(video, old);
    video.addEventListener('click', function () { fullScreen(tile, video); });
    video.addEventListener('playing', function () { // when the first picture came, for the curious (and the tests)
      if (!tile.hasAttribute('data-first-frame-ms')) { tile.setAttribute('data-first-frame-ms', String(Math.round(performance.now()))); }
    });
    var status = tile.querySelector('.tile-status');
    tile.setAttribute('data-state', 'connecting');
    status.textContent = 'Connecting…';
    tile.player = window.HlsGatewayPlayer.play(video, function (text, failed) {
      status.textContent = text;
      status.title = text;
      tile.setAttribute('data-state', failed ? 'failed' : text.indexOf('Live') === 0 ? 'live' : 'connecting');
    }, tile.getAttribute('data-source'));
  }
  function stop(tile) {
    if (!tile.player) { return; }
    tile.player.destroy();
    tile.player = null;
    tile.setAttribute('data-state', 'stopped');
    tile.querySelector('.tile-status').textContent = 'Paused off screen';
  }
  if ('IntersectionObserver' in window) {
    var seen = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) { if (e.isIntersecting) { start(e.target); } else { stop(e.target); } });
    });
    tiles.forEach(function (tile) { seen.observe(tile); });
  } else {
    tiles.forEach(start);
  }
  window.addEventListener('pagehide', function () { tiles.forEach(stop); });
  window.addEventListener('pageshow', function (e) { if (e.persisted) { window.location.reload(); } });
})();
