// A minimal ResizeObserver for browsers that lack one, so Material never fetches its CDN polyfill.
// It reports each observed element once, then again whenever the window is resized.
(function () {
  if (typeof window.ResizeObserver !== "undefined") return;
  function Fallback(callback) {
    this.callback = callback;
    this.targets = [];
    var self = this;
    this.notify = function () {
      var entries = self.targets.map(function (target) {
        return { target: target, contentRect: target.getBoundingClientRect() };
      });
      if (entries.length) self.callback(entries, self);
    };
    window.addEventListener("resize", this.notify);
  }
  Fallback.prototype.observe = function (target) {
    if (this.targets.indexOf(target) < 0) this.targets.push(target);
    var self = this;
    setTimeout(function () {
      self.callback([{ target: target, contentRect: target.getBoundingClientRect() }], self);
    }, 0);
  };
  Fallback.prototype.unobserve = function (target) {
    this.targets = this.targets.filter(function (t) { return t !== target; });
  };
  Fallback.prototype.disconnect = function () {
    this.targets = [];
    window.removeEventListener("resize", this.notify);
  };
  window.ResizeObserver = Fallback;
})();
