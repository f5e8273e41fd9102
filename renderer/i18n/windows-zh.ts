/** Chinese strings about several windows on one project (namespace `windows`, merged in i18n.ts). */
export const windowsZh = {
  readOnly:
    '只读：此项目正在另一个窗口中编辑，这里会随之更新。那个窗口关闭或打开别的项目后，本窗口自动变为可编辑。',
  upgraded: '网格规划已在另一个窗口中升级了本地项目库。请重新加载本窗口，以免覆盖新数据。',
  blocked: '本地项目库需要升级，但另一个网格规划窗口仍在使用旧版本。请关闭其他网格规划窗口，本窗口会继续。',
  reload: '重新加载',
};
