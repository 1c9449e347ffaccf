// Plays the channel in #player: hls.js where Media Source Extensions exist, native HLS otherwise (Safari, iOS).
(function () {
  var video = document.getElementById('player');
  var status = document.getElementById('status');
  var source = video.getAttribute('data-source');
  function say(text) { status.textContent = text; }
  video.addEventListener('playing', function () { say('Live'); });
  video.addEventListener('waiting', function () { say('Buffering…'); });
  if (window.Hls && window.Hls.isSupported()) {
    var hls = new window.Hls({ manifestLoadingTimeOut: 30000, manifestLoadingMaxRetry: 3 });
    hls.on(window.Hls.Events.ERROR, function (event, data) {
      if (!data.fatal) { return; }
      if (data.type === window.Hls.ErrorTypes.NETWORK_ERROR) {
        var code = data.response && data.response.code;
        say('Network error' + (code ? ' (' + code + ')' : '') + '; retrying…');
        setTimeout(function () { hls.loadSource(source); hls.startLoad(); }, 2000);
      } else if (data.type === window.Hls.ErrorTypes.MEDIA_ERROR) {
        say('Media error; recovering…');
        hls.recoverMediaError();
      } else {
        say('Cannot play this stream: ' + data.details);
        hls.destroy();
      }
    });
    hls.loadSource(source);
    hls.attachMedia(video);
  } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
    video.src = source;
  } else {
    say('This browser cannot play HLS.');
  }
  var playing = video.play();
  if (playing && playing.catch) { playing.catch(function () { say('Press play to start'); }); }
})();
