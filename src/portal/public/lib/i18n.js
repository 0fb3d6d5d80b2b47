// Chinese first: most residents read only Chinese. English is for visitors and auditors.
const STRINGS = {
  zh: {
    appName: '共治', tagline: '小区公共事务公开平台', skip: '跳到正文', loading: '正在加载…', switchLang: 'English', switchLangLabel: 'Switch to English',
    navHome: '小区', navMine: '我的投票', navVerify: '核验回执', navSignIn: '登录', navActivate: '激活账户', navSignOut: '退出登录', navMain: '主导航',
    footer: '所有投票与账目均记录在不可篡改的公开日志中。', apiDocs: '接口文档',
    communities: '小区列表', noCommunities: '还没有登记的小区。', units: '户数', heads: '业主人数', area: '总面积',
    managingBody: '管理机构', members: '成员', noBody: '尚未成立管理机构。',
    PREPARATORY_GROUP: '业主大会筹备组', PMC: '物业管理委员会', OWNERS_COMMITTEE: '业主委员会',
    body_PREPARATORY_GROUP: '业主大会筹备组', body_PMC: '物业管理委员会', body_COMMITTEE: '业主委员会', term: '任期', filing: '备案', alternates: '候补委员',
    filing_FILED: '已在街道办事处备案', filing_REFUSED: '街道办事处不予备案', filing_PENDING: '等待街道办事处备案', filing_NO_ELECTION: '尚未选举', filing_NOBODY_ELECTED: '选举未产生委员',
    role_CHAIR_RESIDENTS_COMMITTEE: '主任，社区居委会代表', role_OWNER_REPRESENTATIVE: '业主代表',
    duty_COMMITTEE_FILING_OVERDUE: '业主委员会选出已超过 30 日仍未备案。', duty_PMC_DISSOLUTION_OVERDUE: '业主委员会已备案，物业管理委员会应在 30 日内解散，现已逾期。',
    duty_COMMITTEE_TERM_EXPIRED: '业主委员会任期已满，应当换届。', duty_PMC_TERM_EXPIRED: '物业管理委员会任期已满。',
    openVotes: '正在进行的投票', upcomingVotes: '即将开始的投票', pastVotes: '已结束的投票', draftVotes: '草稿（仅委员会可见）', noVotes: '暂无。',
    money: '账目公开', publicRevenue: '公共收益', maintenanceFund: '专项维修资金', statements: '财务报告与审计',
    committeeDesk: '委员会工作台', myVotesHere: '我在本小区的投票',
    status_DRAFT: '草稿', status_POSTED: '已公告，尚未开始', status_OPEN: '投票中', status_CLOSED: '已结束',
    outcome_PASSED: '通过', outcome_REJECTED: '未通过', outcome_NO_QUORUM: '未通过（参与人数不足）',
    why_PASSED: '参与的业主人数和面积都达到了要求，同意的人数和面积也都达到了要求。',
    why_REJECTED: '参与的业主足够多，但同意的人数或面积没有达到要求。',
    why_NO_QUORUM: '参与投票的业主人数或面积不足总数的三分之二，表决无效。',
    matter: '表决事项', question: '表决内容', dates: '时间', postedAt: '公告时间', opensAt: '开始时间', closesAt: '截止时间', closedAt: '结束时间',
    budget: '预算', fund: '资金来源', fund_PUBLIC_REVENUE: '公共收益', fund_MAINTENANCE_FUND: '专项维修资金', outcome: '结果', status: '状态',
    resultsLate: '结果公布晚于规定期限', rulebook: '适用规则',
    matter_RULES_OF_PROCEDURE: '制定和修改业主大会议事规则', matter_MANAGEMENT_COVENANT: '制定和修改管理规约',
    matter_ELECT_COMMITTEE: '选举业主委员会或者更换业主委员会成员', matter_HIRE_OR_FIRE_MANAGER: '选聘和解聘物业服务企业或者其他管理人',
    matter_USE_MAINTENANCE_FUND: '使用建筑物及其附属设施的维修资金', matter_RAISE_MAINTENANCE_FUND: '筹集建筑物及其附属设施的维修资金',
    matter_REBUILD: '改建、重建建筑物及其附属设施', matter_CHANGE_COMMON_USE: '改变共有部分的用途或者利用共有部分从事经营活动',
    matter_OTHER_MAJOR: '有关共有和共同管理权利的其他重大事项', matter_SPEND_PUBLIC_REVENUE: '使用公共收益',
    matter_SERVICE_MENU: '服务自主点单（不具约束力）', matter_SURVEY: '意见调查（不具约束力）',
    tallyTitle: '计票结果', participationTitle: '参与投票', approvalTitle: '同意票', byArea: '按面积', byHeads: '按人数',
    threshold: '要求', met: '达到', notMet: '未达到', required_ge_2_3: '不少于三分之二', required_ge_3_4: '不少于四分之三', required_gt_1_2: '超过半数',
    barText: '{what}{by}：{value} / {total}（{pct}），要求{req}（{reqPct}）——{verdict}',
    pendingText: '{what}{by}：{value} / {total}（{pct}），要求{req}（{reqPct}）',
    tallyTable: '计票明细', eligible: '有投票权', participated: '参与', for: '同意', against: '反对', abstain: '弃权', headsUnit: '人', areaUnit: 'm²',
    openSoFar: '投票进行中：目前已有 {heads} 位业主（{area} m²）参与。同意和反对票在投票结束时一并统计公布。',
    participationList: '参与情况（仅本小区业主可见）', participationNote: '只显示哪些房屋参与了投票，不显示如何投票。', unit: '房屋', channel: '方式',
    channel_ONLINE: '网上投票', channel_PAPER: '纸质选票', channel_PROXY: '委托代理',
    yourBallot: '您的选票', choose: '请选择', choice_FOR: '同意', choice_AGAINST: '反对', choice_ABSTAIN: '弃权', castButton: '提交选票', changeButton: '更改选票',
    castDone: '您的选票已记录。截止前可以随时更改，以最后一次为准。', alreadyVoted: '您目前的选择：{choice}（{time}）。截止前可以更改。',
    receipt: '投票回执', receiptExplain: '请保存回执。凭回执可以在自己的手机上核验您的选票已被记录在公开日志中。回执不包含您的选择。',
    downloadReceipt: '下载回执（JSON 文件）', checkReceipt: '核验这张回执', eventId: '记录编号', leafHash: '日志哈希', position: '位置',
    signInToVote: '业主请先登录后投票。', notAVoter: '您的账户不能在本小区投票。',
    activateTitle: '激活账户', activateIntro: '请输入告知书上的激活码，并设置登录名和密码。', activationCode: '激活码', login: '登录名', secret: '密码', secretAgain: '再次输入密码',
    secretHint: '至少 10 个字符。', activateButton: '激活', activated: '账户已激活，正在登录…', secretMismatch: '两次输入的密码不一致。',
    signInTitle: '登录', signInButton: '登录', signedInAs: '已登录：{login}', noAccount: '还没有账户？用告知书上的激活码激活。',
    mineTitle: '我的投票', mineNone: '您的账户不是任何小区的业主。', myBallots: '以我的名义记录的全部选票', myBallotsNote: '包括网上、纸质和委托投票。如有不是您本人投出的选票，请立即联系委员会或街道办事处。',
    castAt: '时间', enteredBy: '录入人', late: '截止后送达，未计入', counted: '已记录', vote: '投票', goVote: '去投票', keptReceipts: '保存在本机的回执',
    verifyTitle: '核验投票回执', verifyIntro: '核验完全在您自己的设备上进行：本页从服务器取得证明和签名，用浏览器自带的密码学功能检查，不需要相信我们的服务器。',
    pasteReceipt: '粘贴回执内容', orUpload: '或者选择回执文件', community: '小区', verifyButton: '开始核验',
    verifyNotAvailable: '回执核验功能尚未开放（服务器还没有提供公开日志接口）。请保存好回执，稍后再来核验。',
    verifyNotYet: '您的选票已记录，但还没有被新的签名检查点覆盖（检查点每隔一段时间生成一次）。请稍后再试。',
    verifyBadReceipt: '看不懂这份回执：请粘贴下载的回执文件的全部内容。', verifyNoCrypto: '此浏览器不支持所需的密码学功能（Ed25519）。请用较新的 Chrome、Edge 或 Safari 打开，或通过 HTTPS 访问。',
    step_checkpoint: '取得小区日志的最新签名检查点（{size} 条记录）', step_signature: '检查点签名有效（公钥指纹 {fp}）',
    step_proof: '取得第 {index} 条记录的包含证明', step_inclusion: '用 SHA-256 重新计算：您的选票在日志中，日志根哈希与签名检查点一致',
    verifyOk: '核验通过：您的选票确实记录在小区的公开日志中，且日志已由服务器签名确认。', verifyFail: '核验失败：{why}。请截图保存，并联系委员会或街道办事处。',
    fail_signature: '检查点签名无效', fail_inclusion: '包含证明与签名检查点不一致', fail_leaf: '服务器给出的记录与回执不符',
    ledgerBalance: '当前余额', entries: '收支明细', income: '收入', expense: '支出', amount: '金额', date: '日期', source: '来源', payee: '收款方', purpose: '用途', description: '说明',
    source_PARKING: '停车费', source_ADVERTISING: '广告费', source_VENUE_RENTAL: '场地租金', source_OTHER: '其他',
    authorisedBy: '依据的表决', seeVote: '查看表决', emergency: '紧急使用', emergencyReason: '紧急原因', reversed: '已冲正', reverses: '冲正',
    filters: '筛选', from: '开始日期', to: '结束日期', kind: '类型', all: '全部', apply: '筛选', downloadCsv: '下载表格（CSV，可用 Excel 打开）',
    balanceOverTime: '余额变化', balanceChartAlt: '余额变化图：从 {first} 到 {last}，最低 {min}，最高 {max}。明细见下方列表。', noEntries: '暂无记录。',
    notYetAvailable: '这部分内容尚未开放（服务器还没有提供此接口）。', lowFund: '维修资金余额已低于首期归集总额的 30%，需要续筹。',
    statementPeriod: '期间', statementFund: '账户', opinion: '审计意见', notAudited: '尚未审计', published: '已发布', draft: '草稿', openingBalance: '期初余额', closingBalance: '期末余额',
    opinion_UNQUALIFIED: '无保留意见', opinion_QUALIFIED: '保留意见', opinion_ADVERSE: '否定意见', opinion_DISCLAIMER: '无法表示意见',
    committeeTitle: '委员会工作台', notCommittee: '只有本小区委员会成员可以使用此页面。', draftVote: '发起表决', title: '标题',
    createDraft: '保存草稿', postVote: '公告', openVote: '开始投票', closeVote: '结束投票并计票', actions: '操作',
    paperBallots: '录入纸质选票', ownerId: '业主编号', scan: '选票扫描件', scanHint: '文件不会上传，只在本机计算 SHA-256 指纹并记录。', sha256: 'SHA-256',
    enterPaper: '录入', recordIncome: '登记收入', recordExpense: '登记支出', evidence: '凭证文件（可选）', invoice: '发票文件（可选）', resolution: '表决',
    receivedAt: '收款日期', paidAt: '付款日期', saved: '已保存。', optional: '（可选）', budgetAmount: '预算金额（元）', none: '无',
    errorGeneric: '出错了：{message}', errorNetwork: '网络连接失败，请检查网络后重试。', errorAuth: '登录已过期，请重新登录。', errorForbidden: '您没有权限进行此操作。', notFound: '找不到这个页面。',
    kind_INCOME: '收入', kind_EXPENSE: '支出', kind_DEPOSIT: '缴存', kind_WITHDRAWAL: '使用', kind_REVERSAL: '冲正（更正）',
    highest: '最高', recordWithdrawal: '登记维修资金使用', emergencyHint: '不经表决的紧急使用必须写明原因并附证据；有表决时不填。', buildings: '分摊的楼栋', buildingsHint: '楼栋号，用逗号分隔，例如：5, 6',
    back: '返回', yes: '是', no: '否',
  },
  en: {
    appName: 'Gongzhi', tagline: 'Open records of community self-governance', skip: 'Skip to content', loading: 'Loading…', switchLang: '中文', switchLangLabel: '切换到中文',
    navHome: 'Communities', navMine: 'My votes', navVerify: 'Check a receipt', navSignIn: 'Sign in', navActivate: 'Activate', navSignOut: 'Sign out', navMain: 'Main',
    footer: 'Every vote and every entry is recorded in a tamper-evident public log.', apiDocs: 'API docs',
    communities: 'Communities', noCommunities: 'No community is registered yet.', units: 'Units', heads: 'Owners (heads)', area: 'Total area',
    managingBody: 'Governing body', members: 'Members', noBody: 'No governing body yet.',
    PREPARATORY_GROUP: 'Preparatory group', PMC: 'Property-management committee', OWNERS_COMMITTEE: "Owners' committee",
    body_PREPARATORY_GROUP: 'Preparatory group', body_PMC: 'Property-management committee', body_COMMITTEE: "Owners' committee", term: 'Term', filing: 'Filing', alternates: 'Alternates',
    filing_FILED: 'Filed with the street office', filing_REFUSED: 'Filing refused by the street office', filing_PENDING: 'Awaiting filing', filing_NO_ELECTION: 'No election yet', filing_NOBODY_ELECTED: 'Nobody was elected',
    role_CHAIR_RESIDENTS_COMMITTEE: "chair, residents' committee", role_OWNER_REPRESENTATIVE: 'owner representative',
    duty_COMMITTEE_FILING_OVERDUE: 'The committee was elected more than 30 days ago and is still not filed.', duty_PMC_DISSOLUTION_OVERDUE: 'The property-management committee should have dissolved within 30 days of the filing.',
    duty_COMMITTEE_TERM_EXPIRED: "The committee's term has ended: an election is due.", duty_PMC_TERM_EXPIRED: "The property-management committee's term has ended.",
    openVotes: 'Open votes', upcomingVotes: 'Upcoming votes', pastVotes: 'Past votes', draftVotes: 'Drafts (committee only)', noVotes: 'None.',
    money: 'Accounts', publicRevenue: 'Public revenue', maintenanceFund: 'Maintenance fund', statements: 'Statements and audits',
    committeeDesk: 'Committee desk', myVotesHere: 'My votes here',
    status_DRAFT: 'Draft', status_POSTED: 'Announced, not yet open', status_OPEN: 'Open', status_CLOSED: 'Closed',
    outcome_PASSED: 'Passed', outcome_REJECTED: 'Rejected', outcome_NO_QUORUM: 'Failed (too few took part)',
    why_PASSED: 'Enough owners took part, by heads and by area, and enough of them agreed, by heads and by area.',
    why_REJECTED: 'Enough owners took part, but too few agreed, by heads or by area.',
    why_NO_QUORUM: 'Fewer than two thirds of the owners, by heads or by area, took part, so the vote is void.',
    matter: 'Matter', question: 'Question', dates: 'Dates', postedAt: 'Announced', opensAt: 'Opens', closesAt: 'Closes', closedAt: 'Closed',
    budget: 'Budget', fund: 'Paid from', fund_PUBLIC_REVENUE: 'Public revenue', fund_MAINTENANCE_FUND: 'Maintenance fund', outcome: 'Outcome', status: 'Status',
    resultsLate: 'Results were published late', rulebook: 'Rules',
    matter_RULES_OF_PROCEDURE: 'Rules of procedure', matter_MANAGEMENT_COVENANT: 'Management covenant', matter_ELECT_COMMITTEE: "Elect the owners' committee",
    matter_HIRE_OR_FIRE_MANAGER: 'Hire or fire the property manager', matter_USE_MAINTENANCE_FUND: 'Use the maintenance fund', matter_RAISE_MAINTENANCE_FUND: 'Raise the maintenance fund',
    matter_REBUILD: 'Rebuild', matter_CHANGE_COMMON_USE: 'Change the use of common parts', matter_OTHER_MAJOR: 'Other major matter', matter_SPEND_PUBLIC_REVENUE: 'Spend public revenue',
    matter_SERVICE_MENU: 'Service menu (non-binding)', matter_SURVEY: 'Survey (non-binding)',
    tallyTitle: 'Tally', participationTitle: 'Participation', approvalTitle: 'Approval', byArea: 'by area', byHeads: 'by heads',
    threshold: 'Required', met: 'met', notMet: 'not met', required_ge_2_3: 'at least 2/3', required_ge_3_4: 'at least 3/4', required_gt_1_2: 'more than half',
    barText: '{what} {by}: {value} of {total} ({pct}); required {req} ({reqPct}): {verdict}',
    pendingText: '{what} {by}: {value} of {total} ({pct}); required {req} ({reqPct})',
    tallyTable: 'Tally in numbers', eligible: 'Eligible', participated: 'Took part', for: 'For', against: 'Against', abstain: 'Abstain', headsUnit: 'heads', areaUnit: 'm²',
    openSoFar: 'Voting is open: {heads} owners ({area} m²) have taken part so far. For and against are counted together at close.',
    participationList: 'Who took part (owners of this community only)', participationNote: 'Which units took part, never how they voted.', unit: 'Unit', channel: 'Channel',
    channel_ONLINE: 'Online', channel_PAPER: 'Paper', channel_PROXY: 'Proxy',
    yourBallot: 'Your ballot', choose: 'Choose', choice_FOR: 'For', choice_AGAINST: 'Against', choice_ABSTAIN: 'Abstain', castButton: 'Cast ballot', changeButton: 'Change ballot',
    castDone: 'Your ballot is recorded. You may change it until the vote closes; the last one counts.', alreadyVoted: 'Your current choice: {choice} ({time}). You may change it until close.',
    receipt: 'Ballot receipt', receiptExplain: 'Keep this receipt: with it you can check on your own device that your ballot is in the public log. It does not contain your choice.',
    downloadReceipt: 'Download receipt (JSON file)', checkReceipt: 'Check this receipt', eventId: 'Record id', leafHash: 'Log hash', position: 'Position',
    signInToVote: 'Owners: sign in to vote.', notAVoter: 'Your account cannot vote in this community.',
    activateTitle: 'Activate your account', activateIntro: 'Enter the activation code from your letter and choose a login and a secret.', activationCode: 'Activation code', login: 'Login', secret: 'Secret', secretAgain: 'Secret again',
    secretHint: 'At least 10 characters.', activateButton: 'Activate', activated: 'Account activated; signing in…', secretMismatch: 'The two secrets differ.',
    signInTitle: 'Sign in', signInButton: 'Sign in', signedInAs: 'Signed in: {login}', noAccount: 'No account yet? Activate one with the code from your letter.',
    mineTitle: 'My votes', mineNone: 'Your account is not an owner in any community.', myBallots: 'Every ballot recorded in my name', myBallotsNote: 'Online, paper and proxy. If one was not cast by you, tell the committee or the street office at once.',
    castAt: 'Time', enteredBy: 'Entered by', late: 'Arrived after close, not counted', counted: 'Recorded', vote: 'Vote', goVote: 'Vote now', keptReceipts: 'Receipts kept on this device',
    verifyTitle: 'Check a ballot receipt', verifyIntro: 'The check runs on your own device: this page fetches the proof and the signature and checks them with your browser\'s own cryptography, so you need not trust our server.',
    pasteReceipt: 'Paste the receipt', orUpload: 'or choose the receipt file', community: 'Community', verifyButton: 'Check',
    verifyNotAvailable: 'Receipt checking is not available yet (the server does not offer the public log yet). Keep your receipt and come back later.',
    verifyNotYet: 'Your ballot is recorded but no signed checkpoint covers it yet (they are made every so often). Please try again later.',
    verifyBadReceipt: 'This does not look like a receipt: paste the whole content of the downloaded receipt file.', verifyNoCrypto: 'This browser lacks the cryptography needed (Ed25519). Use a recent Chrome, Edge or Safari, over HTTPS.',
    step_checkpoint: 'Fetched the latest signed checkpoint of the community log ({size} records)', step_signature: 'The checkpoint signature is valid (key fingerprint {fp})',
    step_proof: 'Fetched the inclusion proof of record {index}', step_inclusion: 'Recomputed with SHA-256: your ballot is in the log, and the root matches the signed checkpoint',
    verifyOk: 'Check passed: your ballot is in the community\'s public log, and the server has signed that log.', verifyFail: 'Check failed: {why}. Take a screenshot and tell the committee or the street office.',
    fail_signature: 'the checkpoint signature is invalid', fail_inclusion: 'the inclusion proof does not match the signed checkpoint', fail_leaf: 'the server\'s record differs from the receipt',
    ledgerBalance: 'Balance', entries: 'Entries', income: 'Income', expense: 'Expense', amount: 'Amount', date: 'Date', source: 'Source', payee: 'Payee', purpose: 'Purpose', description: 'Description',
    source_PARKING: 'Parking', source_ADVERTISING: 'Advertising', source_VENUE_RENTAL: 'Venue rental', source_OTHER: 'Other',
    authorisedBy: 'Authorised by', seeVote: 'See the vote', emergency: 'Emergency use', emergencyReason: 'Emergency', reversed: 'Reversed', reverses: 'Reverses',
    filters: 'Filter', from: 'From', to: 'To', kind: 'Kind', all: 'All', apply: 'Apply', downloadCsv: 'Download as CSV (opens in Excel)',
    balanceOverTime: 'Balance over time', balanceChartAlt: 'Balance over time: from {first} to {last}, lowest {min}, highest {max}. Details in the list below.', noEntries: 'No entries yet.',
    notYetAvailable: 'Not available yet (the server does not offer this yet).', lowFund: 'The fund is below 30% of its initial total: a top-up is due.',
    statementPeriod: 'Period', statementFund: 'Account', opinion: 'Audit opinion', notAudited: 'Not audited yet', published: 'Published', draft: 'Draft', openingBalance: 'Opening balance', closingBalance: 'Closing balance',
    opinion_UNQUALIFIED: 'Unqualified', opinion_QUALIFIED: 'Qualified', opinion_ADVERSE: 'Adverse', opinion_DISCLAIMER: 'Disclaimer',
    committeeTitle: 'Committee desk', notCommittee: 'Only committee members of this community may use this page.', draftVote: 'Draft a vote', title: 'Title',
    createDraft: 'Save draft', postVote: 'Announce', openVote: 'Open voting', closeVote: 'Close and count', actions: 'Actions',
    paperBallots: 'Enter paper ballots', ownerId: 'Owner id', scan: 'Scan of the ballot', scanHint: 'The file is not uploaded: its SHA-256 is computed on this device and recorded.', sha256: 'SHA-256',
    enterPaper: 'Enter', recordIncome: 'Record income', recordExpense: 'Record an expense', evidence: 'Evidence file (optional)', invoice: 'Invoice file (optional)', resolution: 'Vote',
    receivedAt: 'Received on', paidAt: 'Paid on', saved: 'Saved.', optional: '(optional)', budgetAmount: 'Budget (yuan)', none: 'None',
    errorGeneric: 'Something went wrong: {message}', errorNetwork: 'The network failed; check your connection and try again.', errorAuth: 'Your sign-in expired; please sign in again.', errorForbidden: 'You may not do this.', notFound: 'No such page.',
    kind_INCOME: 'Income', kind_EXPENSE: 'Expense', kind_DEPOSIT: 'Deposit', kind_WITHDRAWAL: 'Withdrawal', kind_REVERSAL: 'Reversal (correction)',
    highest: 'Highest', recordWithdrawal: 'Record a maintenance-fund withdrawal', emergencyHint: 'Emergency use without a vote must state the reason and attach evidence; leave empty when a vote authorised it.', buildings: 'Buildings that bear it', buildingsHint: 'Building numbers, comma-separated, e.g. 5, 6',
    back: 'Back', yes: 'Yes', no: 'No',
  },
};

const LANG_KEY = 'gongzhi.lang';
let lang = (() => {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
})();

export const currentLang = () => lang;
export const htmlLang = () => (lang === 'en' ? 'en' : 'zh-CN');

export function setLang(next) {
  lang = next === 'en' ? 'en' : 'zh';
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  document.documentElement.lang = htmlLang();
}

/** t('barText', {what: …}); an unknown key shows itself, which a test or a reader notices. */
export function t(key, params = {}) {
  const s = STRINGS[lang][key] ?? STRINGS.zh[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, name) => (params[name] === undefined ? `{${name}}` : String(params[name])));
}

/** A code such as matter or status in words; the code itself when no word is known. */
export function word(prefix, code) {
  if (code === null || code === undefined) return '';
  const key = `${prefix}_${code}`;
  return STRINGS[lang][key] ?? STRINGS.zh[key] ?? code;
}

// Punctuation differs too: full-width in Chinese, ASCII with spaces in English.
export const colon = () => (lang === 'en' ? ': ' : '：');
export const lp = () => (lang === 'en' ? ' (' : '（');
export const rp = () => (lang === 'en' ? ')' : '）');
export const comma = () => (lang === 'en' ? ', ' : '，');
