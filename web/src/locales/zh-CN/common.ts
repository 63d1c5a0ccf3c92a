export default {
  appName: 'Recon 对账',
  loading: '正在加载…',
  retry: '重试',
  language: '语言',
  languageName: '中文',
  yes: '是',
  no: '否',
  loadMore: '加载更多',
  all: '全部',
  empty: '暂无数据',
} as const;
