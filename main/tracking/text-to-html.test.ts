import { describe, expect, it } from 'vitest';
import { extractLinks } from './instrument';
import { textToHtml } from './text-to-html';

const bodyOf = (html: string) => html.slice(html.indexOf('<p>'), html.lastIndexOf('</p>') + 4);

describe('textToHtml', () => {
  it('makes paragraphs at blank lines and <br> at single breaks', () => {
    expect(bodyOf(textToHtml('Hi Ana,\r\n\r\n\r\nThe gallery is ready.\nEnjoy!\n  \nBest,\nSam'))).toBe(
      '<p>Hi Ana,</p>\n<p>The gallery is ready.<br>\nEnjoy!</p>\n<p>Best,<br>\nSam</p>',
    );
  });

  it('escapes everything the text holds', () => {
    expect(bodyOf(textToHtml('5 < 6 & "quotes" <script>'))).toBe('<p>5 &lt; 6 &amp; &quot;quotes&quot; &lt;script&gt;</p>');
  });

  it('links URLs without the sentence punctuation around them', () => {
    const html = textToHtml('See https://photos.test/g?a=1&b=2. Or (https://x.test/a) and https://w.test/wiki_(x)!');
    expect(bodyOf(html)).toBe(
      '<p>See <a href="https://photos.test/g?a=1&amp;b=2">https://photos.test/g?a=1&amp;b=2</a>. ' +
        'Or (<a href="https://x.test/a">https://x.test/a</a>) and <a href="https://w.test/wiki_(x)">https://w.test/wiki_(x)</a>!</p>',
    );
    expect(extractLinks(html)).toEqual(['https://photos.test/g?a=1&b=2', 'https://x.test/a', 'https://w.test/wiki_(x)']);
  });

  it('is a whole document with a body for the pixel', () => {
    expect(textToHtml('x')).toMatch(/<body[^>]*>[\s\S]*<\/body><\/html>\n$/);
  });
});
