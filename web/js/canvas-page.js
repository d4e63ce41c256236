// The canvas player page: starts the Dear ImGui + SDL2 module on the page's canvas.
const status = document.getElementById('player-status');
const canvas = document.getElementById('canvas');

// WebGL2 is required; say so plainly rather than showing a blank canvas. (No getContext here: the
// player must create the canvas's one context itself, with its own attributes.)
if (!('WebGL2RenderingContext' in window)) {
  status.textContent = 'This browser cannot show the canvas player (WebGL2 is missing). Use the accessible player instead.';
} else {
  try {
    const { default: createTesseraPlayer } = await import('../modules/player.mjs');
    await createTesseraPlayer({
      canvas,
      print: (text) => console.log(text),
      printErr: (text) => console.warn(text),
    });
    status.textContent = 'Canvas player ready.';
    status.classList.add('visually-hidden');
  } catch (error) {
    status.textContent = `The canvas player could not start (${error.message}). Reload to try again.`;
    console.error('Tessera player failed to start:', error);
  }
}
