export default {
  notFoundTitle: '页面不存在',
  notFoundText: '您访问的地址不存在，可能是链接有误。',
  forbiddenTitle: '无权访问',
  forbiddenText: '您的角色不能打开这个页面。如需访问，请联系管理员。',
  loadFailedTitle: 'Recon 已更新',
  loadFailedText: '打开此页面后 Recon 已更新，这个页面需要重新加载才能继续。您已保存的工作不会丢失。',
  errorTitle: '这个页面出错了',
  errorText: '页面遇到了意外问题。请重新加载；如果问题仍然存在，请联系管理员。',
  reload: '重新加载',
  backHome: '返回首页',
} as const;
