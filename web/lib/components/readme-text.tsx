import type { ReactNode } from 'react';

/**
 * A README shown as a small, safe subset of Markdown: headings, paragraphs, lists and code
 * blocks, built as React elements from text (never as HTML), so nothing in the file can inject
 * markup or script. Anything else reads as the plain text it is.
 */
export function ReadmeText({ text }: { text: string }) {
  const blocks: ReactNode[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? '';
    const key = blocks.length;
    if (line.trim() === '') {
      index++;
    } else if (line.startsWith('```')) {
      const code: string[] = [];
      index++;
      while (index < lines.length && !(lines[index] ?? '').startsWith('```')) code.push(lines[index++] ?? '');
      index++;
      blocks.push(
        <pre key={key}>
          <code>{code.join('\n')}</code>
        </pre>,
      );
    } else if (/^#{1,6}\s/.test(line)) {
      const level = Math.min((/^#+/.exec(line)?.[0].length ?? 1) + 2, 6);
      const Heading = `h${level}` as 'h3' | 'h4' | 'h5' | 'h6';
      blocks.push(<Heading key={key}>{line.replace(/^#+\s*/, '')}</Heading>);
      index++;
    } else if (/^\s*[-*]\s/.test(line)) {
      // Each item keyed by its line in the file: a stable identity, unlike its text (items may repeat).
      const items: { line: number; text: string }[] = [];
      while (index < lines.length && /^\s*[-*]\s/.test(lines[index] ?? '')) {
        items.push({ line: index, text: (lines[index++] ?? '').replace(/^\s*[-*]\s/, '') });
      }
      blocks.push(
        <ul key={key}>
          {items.map((item) => (
            <li key={item.line}>{item.text}</li>
          ))}
        </ul>,
      );
    } else {
      const paragraph: string[] = [];
      while (
        index < lines.length &&
        (lines[index] ?? '').trim() !== '' &&
        !/^(#{1,6}\s|```|\s*[-*]\s)/.test(lines[index] ?? '')
      ) {
        paragraph.push(lines[index++] ?? '');
      }
      blocks.push(<p key={key}>{paragraph.join('\n')}</p>);
    }
  }
  return <div className="readme body">{blocks}</div>;
}
