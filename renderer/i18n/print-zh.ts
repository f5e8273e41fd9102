/** Strings of the 公示 / 审核报告 dialog (key `print`), Chinese. */
export const printZh = {
  button: '公示/审核报告',
  buttonTitle: '生成网格公示 PDF 或审核报告 PDF',
  heading: '公示与审核报告（PDF）',
  scope: '公示范围',
  wholeTownship: '整个乡镇（街道）',
  supervisionPhone: '监督电话（乡镇设置，印在每张公示上）',
  savePhone: '保存监督电话',
  phoneSaved: '已保存监督电话',
  notice: '生成公示 PDF',
  report: '生成审核报告 PDF',
  busy: '正在生成 PDF…',
  done: '已生成 {{name}}',
  failed: '生成 PDF 失败',
  privacy:
    '公示只含网格及网格工作人员信息，不含居民个人信息。字体：思源黑体 Noto Sans SC（SIL OFL 开源字体，已嵌入子集）。',
  close: '关闭',
  license: '字体许可证',
  editNote: '设置监督电话',
};
