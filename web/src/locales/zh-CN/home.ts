export default {
  welcome: '您好，{name}',
  yourRole: '您的角色：{role}',
  whatYouCanDo: '您可以使用：',
} as const;
