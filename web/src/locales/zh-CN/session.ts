export default {
  title: '登录',
  subtitle: '客户对账系统',
  email: '邮箱',
  emailRequired: '请输入邮箱',
  password: '密码',
  passwordRequired: '请输入密码',
  submit: '登录',
  signInFailed: '邮箱或密码不正确，或尝试次数过多。请稍后再试。',
  sessionEnded: '登录已过期，请重新登录。',
  signedOut: '已退出登录。',
} as const;
