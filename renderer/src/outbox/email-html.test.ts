import { describe, expect, it } from 'vitest';
import { withoutHandlerAttributes, withoutRemoteCss } from './email-html';

describe('email HTML before parsing', () => {
  it('takes remote url() and @import out of CSS, keeping data: images', () => {
    expect(withoutRemoteCss(`@import url(https://x.example/a.css); p { background: url('http://x.example/b.png') red }`)).toBe(` p { background: none red }`);
    expect(withoutRemoteCss('b { background: url(data:image/gif;base64,AAAA) }')).toBe('b { background: url(data:image/gif;base64,AAAA) }');
  });

  it('renames on… attributes inside tags only, whatever the quoting', () => {
    expect(withoutHandlerAttributes(`<p onclick="a()" title='x onload=y'>click on=me</p><img/onerror=z src=x>`))
      .toBe(`<p data-blocked-onclick="a()" title='x onload=y'>click on=me</p><img/data-blocked-onerror=z src=x>`);
  });

  it('takes out an unterminated remote url( too, and reads 1 MB of them in linear time', () => {
    expect(withoutRemoteCss('color: red; background: url(https://x.example/a.png')).toBe('color: red; background: none');
    const start = performance.now();
    withoutRemoteCss('url('.repeat(250_000));
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('reads a hostile 1 MB of "<" in linear time', () => {
    const start = performance.now();
    withoutHandlerAttributes('<a'.repeat(500_000));
    expect(performance.now() - start).toBeLessThan(2000);
  });
});
