// Text made safe inside HTML or XML markup (element text and double-quoted attribute values), for the build
// scripts that write pages and images: one escaper for all of them.
export const escapeMarkup = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
