// Plays the channel in #player: hls.js where Media Source Extensions exist, native HLS otherwise (Safari, iOS).
// When the gateway cannot play the channel it answers JSON {"message": ...}: that reason is shown, and the next
// try waits for its Retry-After (the gateway keeps a failed source's reason for a back-off delay).
(function () {
  var video = document.getElementById('player');
  var status = document.getElementById('status');
  var source = video.getAttribute('data-source');
  var delay = 2; // seconds before the next try when the gateway gives no Retry-After; doubles up to 30
  var timer = null;
  function say(text, failed) {
    status.textContent = text;
    status.className = failed ? 'failed' : '';
  }
  var hls = null;
  // "Live" and how far behind the live edge the picture is (hls.js knows; native HLS shows "Live" only)
  function live() {
    var behind = hls && typeof hls.latency === 'number' && isFinite(hls.latency) ? hls.latency : null;
    say(behind !== null && behind > 0 ? 'Live · ' + behind.toFixed(1) + ' s behind' : 'Live');
  }
  video.addEventListener('playing', function () { delay = 2; live(); });
  video.addEventListener('timeupdate', function () {
    if (!video.paused && status.className !== 'failed' && status.textContent.indexOf('Live') === 0) { live(); }
  });
  video.addEventListener('waiting', function () { say('Buffering…'); });

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

  // Shows why the channel does not play and counts down to the next try.
  function failedThenRetry(code, reason, seconds, retry) {
    var wait = seconds || delay;
    delay = Math.min(30, delay * 2);
    var what = reason ? reason : 'Network error' + (code ? ' (' + code + ')' : '');
    clearInterval(timer);
    var left = wait;
    say(what + ' · retrying in ' + left + ' s', true);
    timer = setInterval(function () {
      left -= 1;
      if (left > 0) {
        say(what + ' · retrying in ' + left + ' s', true);
        return;
      }
      clearInterval(timer);
      say(what + ' · retrying…', true);
      retry();
    }, 1000);
  }

  if (window.Hls && window.Hls.isSupported()) {
    // no retries of hls.js's own on the first playlist: the gateway's answer says when to come back
    hls = new window.Hls({ manifestLoadingTimeOut: 30000, manifestLoadingMaxRetry: 0 });
    hls.on(window.Hls.Events.ERROR, function (event, data) {
      if (!data.fatal) { return; }
      if (data.type === window.Hls.ErrorTypes.NETWORK_ERROR) {
        var xhr = data.networkDetails && data.networkDetails.responseText !== undefined ? data.networkDetails : null;
        var code = data.response && data.response.code;
        failedThenRetry(code, xhr ? reasonOf(xhr) : null, retryAfter(xhr), function () {
          hls.loadSource(source);
          hls.startLoad();
        });
      } else if (data.type === window.Hls.ErrorTypes.MEDIA_ERROR) {
        say('Media error; recovering…');
        hls.recoverMediaError();
      } else {
        say('Cannot play this stream: ' + data.details, true);
        hls.destroy();
      }
    });
    hls.loadSource(source);
    hls.attachMedia(video);
  } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
    video.src = source;
    video.addEventListener('error', function () { // native HLS hides the answer: ask once more for the reason
      var xhr = new XMLHttpRequest();
      xhr.open('GET', source);
      xhr.onloadend = function () {
        failedThenRetry(xhr.status, reasonOf(xhr), retryAfter(xhr), function () { video.src = source; video.play(); });
      };
      xhr.send();
    });
  } else {
    say('This browser cannot play HLS.', true);
  }
  var playing = video.play();
  if (playing && playing.catch) { playing.catch(function (e) { if (e && e.name === 'NotAllowedError') { say('Press play to start'); } }); }
})();
