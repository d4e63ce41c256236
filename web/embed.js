// Embeds a Tessera course in any page with one script tag:
//   <script src="https://example.org/learning/embed.js" defer></script>
//   <tessera-course src="inclusive-meetings" height="720"></tessera-course>
// `src` is a course id in the catalog of the site this script came from (the site may live under any
// path). The element holds an iframe with the HTML player and re-dispatches the player's postMessage
// events as DOM events: "tessera-progress" and "tessera-completion", with detail {course, percent,
// complete, position}. The host page may also listen to window "message" events itself (source "tessera").
// No styles are injected (a host's CSP may forbid them); size the element with the host's CSS.
(() => {
  const script = document.currentScript;
  const siteRoot = new URL('./', script ? script.src : location.href);

  class TesseraCourse extends HTMLElement {
    static get observedAttributes() { return ['src', 'height']; }

    connectedCallback() {
      if (!this.frame) {
        this.frame = document.createElement('iframe');
        this.frame.setAttribute('allow', 'fullscreen');
        this.frame.setAttribute('loading', 'lazy');
        this.frame.style.border = '0';
        this.frame.style.width = '100%';
        this.onMessage = (event) => {
          if (event.source !== this.frame.contentWindow || event.origin !== siteRoot.origin) return;
          const data = event.data;
          if (!data || data.source !== 'tessera' || typeof data.type !== 'string') return;
          this.dispatchEvent(new CustomEvent(`tessera-${data.type}`, {
            bubbles: true,
            detail: { course: data.course, percent: data.percent, complete: data.complete, position: data.position },
          }));
        };
        window.addEventListener('message', this.onMessage);
        this.append(this.frame);
      }
      this.update();
    }

    disconnectedCallback() {
      window.removeEventListener('message', this.onMessage);
    }

    attributeChangedCallback() {
      if (this.frame) this.update();
    }

    update() {
      const course = this.getAttribute('src') || '';
      const url = new URL('player.html', siteRoot);
      url.searchParams.set('course', course);
      url.searchParams.set('embed', '1');
      if (this.frame.src !== url.href) this.frame.src = url.href;
      this.frame.title = this.getAttribute('title') || `Course: ${course}`;
      this.frame.style.height = `${Number(this.getAttribute('height')) || 640}px`;
    }
  }

  if (!customElements.get('tessera-course')) customElements.define('tessera-course', TesseraCourse);
})();
