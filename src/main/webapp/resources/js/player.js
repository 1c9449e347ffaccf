// Plays a channel in a <video>: hls.js where Media Source Extensions exist, native HLS otherwise (Safari, iOS).
// When the gateway cannot play the channel it answers JSON {"message": ...}: that reason is shown, and the next
// try waits for its Retry-After (the gateway keeps a failed source's reason for a back-off delay).
// HlsGatewayPlayer.play(video, say, source) is used by the player page (#player) and by each tile of the wall;
// say(text, failed) shows the state; the returned object's destroy() stops loading (the gateway's idle stop does the rest).
window.HlsGatewayPlayer = (function () {
  // The gateway's reason in an error answer (JSON {"message"}); null when it sent none (a proxy, no network).
  function reasonOf(xhr) {
    try {
      var body = JSON.parse(xhr.responseText);
      return body && typeof body.message === 'string' ? body.message : null;
    } catch (e) {
      return null;
    }
  }

  function retryAfter(xhr) {
    var header = xhr && xhr.getResponseHeader ? xhr.getResponseHeader('Retry-After') : null;
    var seconds = header ? parseInt(header, 10) : NaN;
    return seconds > 0 ? Math.min(seconds, 300) : null;
  }

  // options.lowLatency: the gateway packages the channel as LL-HLS (HLS_LL; the player page's data-low-latency)
  function play(video, say, source, options) {
    var lowLatency = !!(options && options.lowLatency);
    var delay = 2; // seconds before the next try when the gateway gives no Retry-After; doubles up to 30
    var timer = null;
    var failed = false;
    var gone = false;
    var hls = null;
    function show(text, isFailure) {
      failed = !!isFailure;
      say(text, failed);
    }
    // "Live" and how far behind the live edge the picture is (hls.js knows; native HLS shows "Live" only)
    function live() {
      var behind = hls && typeof hls.latency === 'number' && isFinite(hls.latency) ? hls.latency : null;
      show(behind !== null && behind > 0 ? 'Live · ' + behind.toFixed(1) + ' s behind' : 'Live');
    }
    var isLive = false;
    video.addEventListener('playing', function () { delay = 2; isLive = true; live(); });
    video.addEventListener('timeupdate', function () {
      if (!video.paused && !failed && isLive) { live(); }
    });
    video.addEventListener('waiting', function () { if (!gone) { isLive = false; show('Buffering…'); } });

    // Shows why the channel does not play and counts down to the next try.
    function failedThenRetry(code, reason, seconds, retry) {
      var wait = seconds || delay;
      delay = Math.min(30, delay * 2);
      isLive = false;
      var what = reason ? reason : 'Network error' + (code ? ' (' + code + ')' : '');
      clearInterval(timer);
      var left = wait;
      show(what + ' · retrying in ' + left + ' s', true);
      timer = setInterval(function () {
        left -= 1;
        if (left > 0) {
          show(what + ' · retrying in ' + left + ' s', true);
          return;
        }
        clearInterval(timer);
        show(what + ' · retrying…', true);
        retry();
      }, 1000);
    }

    if (window.Hls && window.Hls.isSupported()) {
      // no retries of hls.js's own on the first playlist: the gateway's answer says when to come back
      var config = { manifestLoadingTimeOut: 30000, manifestLoadingMaxRetry: 0 };
      if (lowLatency) {
        config.lowLatencyMode = true; // parts, blocking reloads and the preload hint: about a second behind live
      }
      hls = new window.Hls(config);
      hls.on(window.Hls.Events.ERROR, function (event, data) {
        if (!data.fatal || gone) { return; }
        if (data.type === window.Hls.ErrorTypes.NETWORK_ERROR) {
          var xhr = data.networkDetails && data.networkDetails.responseText !== undefined ? data.networkDetails : null;
          var code = data.response && data.response.code;
          failedThenRetry(code, xhr ? reasonOf(xhr) : null, retryAfter(xhr), function () {
            hls.loadSource(source);
            hls.startLoad();
          });
        } else if (data.type === window.Hls.ErrorTypes.MEDIA_ERROR) {
          show('Media error; recovering…');
          hls.recoverMediaError();
        } else {
          show('Cannot play this stream: ' + data.details, true);
          hls.destroy();
        }
      });
      hls.loadSource(source);
      hls.attachMedia(video);
    } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = source;
      video.addEventListener('error', function () { // native HLS hides the answer: ask once more for the reason
        if (gone) { return; }
        var xhr = new XMLHttpRequest();
        xhr.open('GET', source);
        xhr.onloadend = function () {
          failedThenRetry(xhr.status, reasonOf(xhr), retryAfter(xhr), function () { video.src = source; video.play(); });
        };
        xhr.send();
      });
    } else {
      show('This browser cannot play HLS.', true);
    }
    var playing = video.play();
    if (playing && playing.catch) { playing.catch(function (e) { if (e && e.name === 'NotAllowedError') { show('Press play to start'); } }); }
    return {
      destroy: function () {
        gone = true;
        clearInterval(timer);
        if (hls) { hls.destroy(); hls = null; }
        video.removeAttribute('src');
        video.load();
      }
    };
  }

  return { play: play };
})();

(function () {
  var video = document.getElementById('player');
  var status = document.getElementById('status');
  if (!video || !status) { return; }
  window.HlsGatewayPlayer.play(video, function (text, failed) {
    status.textContent = text;
    status.className = failed ? 'failed' : '';
  }, video.getAttribute('data-source'), { lowLatency: video.getAttribute('data-low-latency') === 'true' });
})();
