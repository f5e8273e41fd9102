import type { EncodingSource } from '../formats/shapefile-read';
import type { ReadEncodingName } from '../formats/text-encoding';
import type { LocalText } from '../model';
import { text } from '../model';

const SOURCES: Record<EncodingSource, LocalText> = {
  override: text('按指定', 'as chosen'),
  cpg: text('据 .cpg', 'from the .cpg'),
  'language-driver': text('据 DBF 语言标志', 'from the DBF language byte'),
  detected: text('自动识别', 'detected'),
  ascii: text('仅 ASCII', 'ASCII only'),
  bom: text('据字节顺序标记', 'from the byte-order mark'),
  contradicted: text(
    '.cpg 或 DBF 标志所写的编码与内容不符，按内容识别',
    'the .cpg or DBF byte names another encoding than the text has; read by its content',
  ),
};

/** "编码 GBK（自动识别）" / "encoding GBK (detected)": which encoding a file was read in, and why. */
export function describeEncoding(encoding: ReadEncodingName, source: EncodingSource | undefined): LocalText {
  const named = encoding.toUpperCase();
  if (!source) return text(`编码 ${named}`, `encoding ${named}`);
  return text(`编码 ${named}（${SOURCES[source].zh}）`, `encoding ${named} (${SOURCES[source].en})`);
}

/**
 * The line a command prints on standard error when it read a file in another encoding than UTF-8, with
 * what to type when that was wrong.
 */
export function readInEncodingNote(
  file: string,
  encoding: ReadEncodingName,
  source: EncodingSource,
): LocalText {
  const how = describeEncoding(encoding, source);
  const hint =
    source === 'override'
      ? text('', '')
      : text('；如有误，用 --encoding 指定', '; if that is wrong, name it with --encoding');
  return text(`${file}：${how.zh}${hint.zh}。`, `${file}: ${how.en}${hint.en}.`);
}
