import type { LocalText } from '../model';
import { BUILTIN_RULE_SETS, text } from '../model';

/** The commands parsed by parse-cli-args.ts rather than defined as modules. */
export const BUILTIN_COMMANDS = ['validate', 'stats', 'import', 'export'] as const;
export type BuiltinCommand = (typeof BUILTIN_COMMANDS)[number];

/** Whether an argument names a built-in command. */
export function isBuiltinCommand(name: string | undefined): name is BuiltinCommand {
  return (BUILTIN_COMMANDS as readonly (string | undefined)[]).includes(name);
}

const EXIT_ZH =
  '退出码：0 成功（validate：没有错误）；1 发现错误；2 文件无法读取、无法写入或参数有误（原因写在标准错误输出）。';
const EXIT_EN =
  'Exit status: 0 success (validate: no errors); 1 errors found; 2 a file could not be read or written,\nor the arguments are wrong (the reason is on standard error).';

const rules = (sep: string): string => [...BUILTIN_RULE_SETS.keys()].join(sep);

/**
 * `gridplan COMMAND --help` for the built-in commands: usage, every option and the exit status, in the
 * language asked for. The general `gridplan --help` lists all commands on one page; this is one command.
 */
export function builtinCommandHelp(command: BuiltinCommand): LocalText {
  switch (command) {
    case 'validate':
      return text(
        `gridplan validate：按规则集校验网格划分

用法：
  gridplan validate 文件.geojson [--rules 规则集] [--min-area 平方米] [--format text|json|html]
                    [--out 路径] [--encoding utf-8|gbk|utf-16] [--lang zh|en]

  --rules      内置规则集 ${rules('、')}，或自定义规则集 JSON 文件的路径；
               默认使用文件中 ruleSet 指定的规则集（没有则为 zigong）
  --min-area   小于此面积（平方米）的重叠、空白不报告，默认 1
  --format     text（默认，供审核人阅读）、json（交换格式）或 html（可打印的报告）
  --out        把报告写入此文件（先写临时文件再替换，失败时原文件不变），不输出到屏幕
  --encoding   文件的文字编码；默认自动识别（不是 UTF-8 时在标准错误输出中说明）
  --lang       zh（默认）或 en

${EXIT_ZH}
`,
        `gridplan validate: check a grid division against a rule set

Usage:
  gridplan validate FILE.geojson [--rules RULES] [--min-area M2] [--format text|json|html]
                    [--out PATH] [--encoding utf-8|gbk|utf-16] [--lang zh|en]

  --rules      a built-in rule set (${rules(', ')}) or the path of a custom rule-set JSON file;
               default: the file's ruleSet member (zigong when absent)
  --min-area   overlaps and gaps smaller than this (m²) are not reported; default 1
  --format     text (default, for a reviewer), json (interchange report) or html (printable report)
  --out        write the report to this file (through a temporary file, so a failure leaves it as it was)
               instead of standard output
  --encoding   the file's text encoding; default: detected (said on standard error when not UTF-8)
  --lang       zh (default) or en

${EXIT_EN}
`,
      );
    case 'stats':
      return text(
        `gridplan stats：统计网格划分（各层数量、户数、人口、面积）

用法：
  gridplan stats 文件.geojson [--format text|json] [--out 路径] [--lang zh|en]

  --format     text（默认）或 json
  --out        把统计写入此文件（先写临时文件再替换），不输出到屏幕
  --lang       zh（默认）或 en

${EXIT_ZH}
`,
        `gridplan stats: summarise a grid division (counts per layer, households, population, areas)

Usage:
  gridplan stats FILE.geojson [--format text|json] [--out PATH] [--lang zh|en]

  --format     text (default) or json
  --out        write the summary to this file (through a temporary file) instead of standard output
  --lang       zh (default) or en

${EXIT_EN}
`,
      );
    case 'import':
      return text(
        `gridplan import：把 Shapefile、CSV、Excel 或 GeoJSON 的一个图层导入为网格划分

用法：
  gridplan import 路径 --as grids|communities|township|microgrids|census --out 划分.geojson
                 [--into 已有划分.geojson] [--encoding utf-8|gbk|utf-16] [--zone EPSG] [--field 属性=字段名 ...]
                 [--from wgs84|gcj02|bd09] [--skip-bad-rows] [--shapefile-layer 图层名] [--lang zh|en]

  路径可为 .zip、.shp（同名 .dbf/.shx/.prj/.cpg 一并读取）、.csv、.xlsx 或 .geojson。
  --as               导入为哪一层
  --out              写入的划分文件
  --into             保留此已有划分的其他图层
  --encoding         属性表或文本（CSV、GeoJSON）的文字编码：utf-8、gbk 或 utf-16（仅文本）；默认自动识别并说明
  --zone             为无 .prj 的投影坐标或人口表中以米计的 X/Y 列指定 CGCS2000 投影带（EPSG 4513–4554 等）
  --field            指定字段，如 --field code=WGBM --field name=WGMC；属性有 code、name、type、parentCode、
                     households、population、address、longitude、latitude，网格还有 category、leader、
                     leaderPhone、status、note（ZSLB、WGZ、LXDH、ZT、BZ）；未指定的按字段名自动匹配
                     （如 CJDM/CJQYDM/XZQDM/DM 为代码，CJMC/CJQYMC/XZQMC/MC 为名称）
  --from             把 GCJ-02/BD-09 坐标转为 WGS84
  --skip-bad-rows    人口表有错误行时只导入正确的行（默认不导入并列出行号）
  --shapefile-layer  压缩包内有多个图层时选择其一

${EXIT_ZH}
`,
        `gridplan import: import one layer of a shapefile, CSV, Excel or GeoJSON file as a grid division

Usage:
  gridplan import PATH --as grids|communities|township|microgrids|census --out FILE.geojson
                 [--into EXISTING.geojson] [--encoding utf-8|gbk|utf-16] [--zone EPSG] [--field ATTRIBUTE=FIELD ...]
                 [--from wgs84|gcj02|bd09] [--skip-bad-rows] [--shapefile-layer NAME] [--lang zh|en]

  PATH is a .zip, a .shp (its .dbf/.shx/.prj/.cpg are read too), .csv, .xlsx or .geojson.
  --as               the layer to import as
  --out              the division file to write
  --into             keep the other layers of this existing division
  --encoding         the text encoding of the attributes or text (CSV, GeoJSON): utf-8, gbk or utf-16 (text
                     only); default: detected, and said
  --zone             the CGCS2000 zone of projected data without a .prj, or of a census table's X/Y columns in metres (EPSG 4513–4554 ...)
  --field            pick fields, e.g. --field code=WGBM --field name=WGMC, for code, name, type, parentCode,
                     households, population, address, longitude, latitude, and for grids category, leader,
                     leaderPhone, status, note (ZSLB, WGZ, LXDH, ZT, BZ); the rest is matched by field
                     name (CJDM/CJQYDM/XZQDM/DM for codes, CJMC/CJQYMC/XZQMC/MC for names ...)
  --from             convert GCJ-02/BD-09 coordinates to WGS84
  --skip-bad-rows    import the good rows of a census table with bad rows (default: refuse, listing them)
  --shapefile-layer  pick one layer of a zip that holds several

${EXIT_EN}
`,
      );
    case 'export':
      return text(
        `gridplan export：把网格划分导出为 GeoJSON、Shapefile、Excel 或 CSV

用法：
  gridplan export 文件.geojson --to geojson|shapefile|xlsx|csv --out 路径
                 [--layer grids|communities|township|microgrids|census] [--crs source|4490|4326|EPSG:45xx]
                 [--encoding utf-8|gbk] [--with-census] [--with-personal-fields] [--lang zh|en]

  --to          shapefile 每次导出一个图层为 .zip，含 .prj 和 .cpg；xlsx/csv 导出网格表（编码、名称、类型、
                社区、户数、人口、面积、网格员）
  --out         写入的文件（先写临时文件再替换，失败时原文件不变）
  --layer       shapefile 导出的图层，默认网格
  --crs         shapefile 的坐标系：4490（CGCS2000，默认）、4326（WGS84）、CGCS2000 高斯-克吕格投影带的
                EPSG 代码（4491–4554，如 EPSG:4523），或 source：划分导入时源数据所在的投影带
  --encoding    shapefile 属性表编码，默认 UTF-8
  --with-census           GeoJSON 中同时导出人口点（默认不导出）
  --with-personal-fields  人口点带居民个人信息（姓名、电话等；默认不导出，需同时加 --with-census）
  --include-personal      旧写法，等同于 --with-census --with-personal-fields
  户数、人口按人口点统计，面积按椭球计算；GeoJSON 的网格和微网格带 computedHouseholds、computedPopulation、
  computedAreaM2 和 computedAt（导出时计算，导入时忽略）。

${EXIT_ZH}
`,
        `gridplan export: export a grid division as GeoJSON, shapefile, Excel or CSV

Usage:
  gridplan export FILE.geojson --to geojson|shapefile|xlsx|csv --out PATH
                 [--layer grids|communities|township|microgrids|census] [--crs source|4490|4326|EPSG:45xx]
                 [--encoding utf-8|gbk] [--with-census] [--with-personal-fields] [--lang zh|en]

  --to          shapefile writes one layer as a .zip with a .prj and a .cpg; xlsx/csv write the grid table
                (code, name, type, community, households, population, area, staff)
  --out         the file to write (through a temporary file, so a failure leaves it as it was)
  --layer       the layer of a shapefile export; default grids
  --crs         the shapefile's coordinate system: 4490 (CGCS2000, default), 4326 (WGS84), the EPSG code of a
                CGCS2000 Gauss-Kruger zone (4491–4554, e.g. EPSG:4523), or source: the zone the division's
                data was imported from
  --encoding    the shapefile's attribute encoding; default UTF-8
  --with-census           also write census points into GeoJSON (not written by default)
  --with-personal-fields  with residents' personal fields (names, phones ...; not written by default,
                          needs --with-census)
  --include-personal      the older spelling of --with-census --with-personal-fields
  Households and population are counted from census points, areas are ellipsoidal; GeoJSON grids and
  micro-grids carry computedHouseholds, computedPopulation, computedAreaM2 and computedAt (computed at
  export, ignored on import).

${EXIT_EN}
`,
      );
  }
}
