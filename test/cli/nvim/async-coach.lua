-- Drives `async-coach server` from Neovim's built-in LSP client (0.7: start_client + buf_attach_client),
-- headless. Opens the file, waits for the pushed diagnostics, asks for code actions at the first
-- ACO101 through vim.lsp.buf.code_action (the menu answered by overriding vim.ui.select), applies the
-- gather rewrite, writes the file, waits for the diagnostics of the edited text, and records all
-- of it as JSON for the test to assert. Inputs come from the environment.
local env = function(name)
  local value = os.getenv(name)
  assert(value, name .. ' is not set')
  return value
end
local out_file = env('ASYNC_COACH_OUT')
local record = { diagnostics = {}, titles = {}, chosen = nil, after = {}, text = nil, errors = {} }

local function finish()
  local f = assert(io.open(out_file, 'w'))
  f:write(vim.fn.json_encode(record))
  f:close()
  vim.cmd('qall!')
end

local function ours(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(list, { code = d.code, source = d.source, lnum = d.lnum, message = d.message })
  end
  return list
end

local function run()
  vim.cmd('filetype on')
  local client_id = vim.lsp.start_client({
    name = 'async-coach',
    cmd = { env('ASYNC_COACH_NODE'), env('ASYNC_COACH_CLI'), 'server', '--stdio' },
    root_dir = env('ASYNC_COACH_ROOT'),
  })
  if not client_id then
    table.insert(record.errors, 'the client did not start')
    return finish()
  end
  vim.cmd('edit ' .. vim.fn.fnameescape(env('ASYNC_COACH_FILE')))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)
  -- Generous: the machine may be loaded; this only stops a hang.
  vim.wait(120000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  record.diagnostics = ours(bufnr)
  local target
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == 'ACO101' then target = d break end
  end
  if not target then
    table.insert(record.errors, 'no ACO101 diagnostic received')
    return finish()
  end
  vim.api.nvim_win_set_cursor(0, { target.lnum + 1, target.col })
  local answered = false
  vim.ui.select = function(items, opts, on_choice)
    local pick
    for _, item in ipairs(items) do
      local title = opts.format_item(item)
      table.insert(record.titles, title)
      if not pick and title:find('gather', 1, true) then pick = item end
    end
    record.chosen = pick and opts.format_item(pick) or nil
    on_choice(pick)
    answered = true
  end
  vim.lsp.buf.code_action()
  vim.wait(120000, function() return answered end, 50)
  vim.cmd('write')
  local changedtick = vim.api.nvim_buf_get_changedtick(bufnr)
  vim.wait(120000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.code == 'ACO101' and d.lnum == target.lnum then return false end
    end
    return true
  end, 50)
  record.after = ours(bufnr)
  record.changedtick = changedtick
  record.text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  vim.lsp.stop_client(client_id)
  vim.wait(30000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
  finish()
end

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local ok, err = pcall(run)
    if not ok then
      table.insert(record.errors, tostring(err))
      finish()
    end
  end,
})
