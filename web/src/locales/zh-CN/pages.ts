export default {
  notFoundTitle: '页面不存在',
  notFoundText: '您访问的地址不存在，可能是链接有误。',
  forbiddenTitle: '无权访问',
  forbiddenText: '您的角色不能打开这个页面。如需访问，请联系管理员。',
  backHome: '返回首页',
} as const;
