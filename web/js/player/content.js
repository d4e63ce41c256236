// The course's own text in the HTML player: marked with the content's language and direction (the view's
// `language` and `dir`; the page itself is in the interface's), and Markdown rendered by the runtime.

// The attributes that mark the course's text: its language and direction.
export function contentLang(view) {
  return { lang: view.language, dir: view.dir };
}

// Markdown as md4c renders it in the runtime (raw HTML never passes through), with relative links and
// images resolved against the course's folder.
export function prose(ctx, markdown) {
  const div = document.createElement('div');
  div.className = 'prose';
  Object.entries(contentLang(ctx.view)).forEach(([name, value]) => div.setAttribute(name, value));
  div.innerHTML = ctx.markdown(markdown || '');
  for (const link of div.querySelectorAll('a[href]')) {
    const href = link.getAttribute('href');
    if (!/^([a-z]+:|#|\/\/)/i.test(href)) link.setAttribute('href', ctx.resolveUrl(href));
  }
  for (const img of div.querySelectorAll('img[src]')) {
    const src = img.getAttribute('src');
    if (!/^([a-z]+:|\/\/)/i.test(src)) img.setAttribute('src', ctx.resolveUrl(src));
  }
  return div;
}
